package dev.streamscope.app.ui.channelz;

import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzDetails;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.session.ChannelzUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.TreeItem;

/**
 * The Channelz tab's state: the live tree (each refresh diffed in by {@link ChannelzTreeModel}), the filter, the
 * selection and its details, the refresh status. Lives on the FX thread; the controller only binds.
 */
public final class ChannelzViewModel {

    private final ChannelzTreeModel tree = new ChannelzTreeModel();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<TreeItem<ChannelzRow>> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ChannelzSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failing = new ReadOnlyBooleanWrapper();

    public ChannelzViewModel() {
        filter.addListener((observable, before, text) -> tree.filter(text));
        selected.addListener((observable, before, item) -> describeSelection());
        snapshot.addListener((observable, before, now) -> show(now));
    }

    /**
     * Shows a refresh's outcome: its tree, or what went wrong while the last tree stays.
     *
     * @param update the latest refresh, or null when there was none (a recording from a folder shows its last tree)
     * @param last the latest tree, or null
     */
    public void show(ChannelzUpdate update, ChannelzSnapshot last, boolean fromFolder) {
        if (update == null) {
            snapshot.set(last);
            status.set(
                    !fromFolder
                            ? ""
                            : last == null
                                    ? "The recording holds no channelz tree."
                                    : "The last tree of the recording, taken " + last.takenAt());
        } else if (update.succeeded()) {
            ChannelzSnapshot refreshed = update.snapshot();
            snapshot.set(refreshed);
            failing.set(false);
            status.set(String.format(
                    Locale.ROOT,
                    "Refreshed %s · %d channelz calls in %d ms%s",
                    ClockText.format(refreshed.takenAt()),
                    refreshed.remoteCalls(),
                    refreshed.walkDuration().toMillis(),
                    refreshed.vanished() > 0 ? " · " + refreshed.vanished() + " closed during the walk" : ""));
        } else {
            failing.set(true);
            status.set(update.problem().getMessage());
        }
    }

    public TreeItem<ChannelzRow> root() {
        return tree.root();
    }

    /** Text that rows must contain to be shown, with their ancestors. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The row whose every field {@link #detailsProperty()} lists; bound to the tree's selection. */
    public ObjectProperty<TreeItem<ChannelzRow>> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** "Refreshed 09:45:01 · 212 calls in 38 ms", or what went wrong with channelz. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failingProperty() {
        return failing.getReadOnlyProperty();
    }

    /** The latest channelz tree, or null before the first refresh. */
    public ReadOnlyObjectProperty<ChannelzSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** "4 min 12 s ago", for the last-activity column. */
    static String ago(Instant time, Instant now) {
        return time == null ? null : DurationText.age(Duration.between(time, now)) + " ago";
    }

    private void show(ChannelzSnapshot shown) {
        if (shown == null) {
            return;
        }
        tree.apply(shown);
        describeSelection();
    }

    private void describeSelection() {
        TreeItem<ChannelzRow> item = selected.get();
        details.set(
                item == null || item.getValue() == null || item.getValue().entity() == null
                        ? ""
                        : ChannelzDetails.describe(item.getValue().entity(), Instant.now()));
    }
}
