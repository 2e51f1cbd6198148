package dev.streamscope.app.ui.streams;

import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.lifetime.StreamAges;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.recording.SocketEvidence;
import dev.streamscope.app.recording.StreamsState;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Streams tab's view of a target's {@link StreamsState}: the jmx-bridge's oldest open streams, or per-socket
 * bounds derived from channelz counters, clearly labelled as such. The recording decides which; this only shows it.
 * Lives on the FX thread.
 */
public final class StreamsViewModel {

    private static final String SITES_NOTE = "Open streams by the line of code that opened them (client side) or by"
            + " the remote client (server side). Select a site to copy its stack. Sampled: the counts cover the"
            + " streams whose site was recorded; the rest sit in \"site not sampled\".";

    private final ObservableList<StreamRowView> rows = FXCollections.observableArrayList();
    private final ObservableList<SocketRowView> sockets = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<StreamsState.Source> source =
            new ReadOnlyObjectWrapper<>(StreamsState.Source.NONE);
    private final ReadOnlyObjectWrapper<OverdueCount> overdue = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper growing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(StreamsState.NONE.summary());
    private final ReadOnlyStringWrapper sourceNote = new ReadOnlyStringWrapper(noteFor(StreamsState.Source.NONE));
    private final ObjectProperty<StreamGrouping> grouping = new SimpleObjectProperty<>(StreamGrouping.STREAM);
    private final ObservableList<GroupRowView> groups = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper groupsNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper frames = new ReadOnlyStringWrapper("");
    private StreamsState shown = StreamsState.NONE;

    private GroupRowView selected;

    /** Whether the grouping was chosen (by the user, or once by the first sites): sites then no longer change it. */
    private boolean groupingChosen;

    public StreamsViewModel() {
        grouping.addListener((observable, before, now) -> {
            groupingChosen = true;
            select(null);
            regroup();
        });
    }

    /** "Group by": one row per stream (the table of oldest streams), or per creation site, method or peer. */
    public ObjectProperty<StreamGrouping> groupingProperty() {
        return grouping;
    }

    /** The groups for the chosen grouping, most overdue first, then most open; empty when grouped by stream. */
    public ObservableList<GroupRowView> groups() {
        return groups;
    }

    /** What the grouped rows cover, or why there are none. */
    public ReadOnlyStringProperty groupsNoteProperty() {
        return groupsNote.getReadOnlyProperty();
    }

    /** The recorded stack of the selected creation site, for copying; empty without one. */
    public ReadOnlyStringProperty framesProperty() {
        return frames.getReadOnlyProperty();
    }

    /** Shows the frames of {@code row} (null: none selected); the choice outlives refreshes of the rows. */
    public void select(GroupRowView row) {
        selected = row;
        frames.set(row == null ? "" : row.frames());
    }

    /**
     * Where the selected group is after a refresh, or -1: refreshing the rows clears a table's selection, and the
     * view puts it back here.
     */
    public int selectedIndex() {
        for (int index = 0; selected != null && index < groups.size(); index++) {
            GroupRowView row = groups.get(index);
            if (row.group().equals(selected.group()) && row.method().equals(selected.method())) {
                return index;
            }
        }
        return -1;
    }

    /** The oldest open streams (jmx-bridge), oldest first, with their status against their lifetime. */
    public ObservableList<StreamRowView> rows() {
        return rows;
    }

    /** Per-socket bounds derived from channelz counters, for targets without the bridge. */
    public ObservableList<SocketRowView> sockets() {
        return sockets;
    }

    public ReadOnlyObjectProperty<StreamsState.Source> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** Streams older than their lifetime: exact from the bridge, bounds from channelz, null when unknown. */
    public ReadOnlyObjectProperty<OverdueCount> overdueProperty() {
        return overdue.getReadOnlyProperty();
    }

    /** True while a connection's open streams climb steadily: evidence of a leak even when no age is proven. */
    public ReadOnlyBooleanProperty growingProperty() {
        return growing.getReadOnlyProperty();
    }

    /** "12,043 open · 37 overdue (lifetime 60 s) · oldest 500 shown · from the jmx-bridge". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the table shows and how to read it, for the current source. */
    public ReadOnlyStringProperty sourceNoteProperty() {
        return sourceNote.getReadOnlyProperty();
    }

    /**
     * Shows {@code state} as of {@code nowEpochMillis}: bridge rows age by the time since their read. Called once per
     * hand-off with the recording's latest state, so a batch of ticks refills the table once.
     */
    public void show(StreamsState state, long nowEpochMillis) {
        if (state == shown && state.source() != StreamsState.Source.BRIDGE) {
            return;
        }
        shown = state;
        source.set(state.source());
        sourceNote.set(noteFor(state.source()));
        overdue.set(state.overdue());
        growing.set(state.growingFound());
        summary.set(state.summary());
        switch (state.source()) {
            case BRIDGE -> {
                rows.setAll(rowsOf(state.bridge(), nowEpochMillis));
                sockets.clear();
            }
            case CHANNELZ -> {
                rows.clear();
                sockets.setAll(SocketEvidence.ranked(state.channelz(), state.growing()).stream()
                        .filter(evidence -> evidence.socket().open() > 0)
                        .map(SocketRowView::new)
                        .toList());
            }
            case NONE -> {
                rows.clear();
                sockets.clear();
            }
        }
        if (!groupingChosen && reportsSites(state)) {
            // a bridge that names creation sites: open on them rather than on hundreds of near-identical rows
            grouping.set(StreamGrouping.SITE);
            return;
        }
        regroup();
    }

    private static boolean reportsSites(StreamsState state) {
        return state.source() == StreamsState.Source.BRIDGE
                && state.bridge()
                        .sitesIfKnown()
                        .map(sites -> !sites.groups().isEmpty())
                        .orElse(false);
    }

    private void regroup() {
        if (grouping.get() == StreamGrouping.STREAM) {
            groups.clear();
            groupsNote.set("");
            return;
        }
        if (shown.source() != StreamsState.Source.BRIDGE) {
            groups.clear();
            groupsNote.set("Grouping needs the jmx-bridge in the target: channelz knows sockets, not streams.");
            return;
        }
        switch (grouping.get()) {
            case SITE, METHOD ->
                shown.bridge()
                        .sitesIfKnown()
                        .ifPresentOrElse(
                                sites -> {
                                    groups.setAll(
                                            grouping.get() == StreamGrouping.SITE
                                                    ? StreamGroups.bySite(sites)
                                                    : StreamGroups.byMethod(sites));
                                    groupsNote.set(SITES_NOTE);
                                },
                                () -> {
                                    groups.clear();
                                    groupsNote.set("The target's jmx-bridge is older than its creation sites: update"
                                            + " dev.streamscope:jmx-bridge in the service.");
                                });
            case PEER -> {
                groups.setAll(StreamGroups.byPeer(rows));
                groupsNote.set("The oldest " + rows.size() + " streams the bridge sent, counted per peer: younger"
                        + " streams past that limit are not counted.");
            }
            case STREAM -> throw new IllegalStateException("handled above");
        }
    }

    private static List<StreamRowView> rowsOf(BridgeStreams streams, long nowEpochMillis) {
        long elapsed = Math.max(0, nowEpochMillis - streams.readAt().toEpochMilli());
        List<StreamRowView> views = new ArrayList<>(streams.oldest().size());
        for (StreamRecord stream : streams.oldest()) {
            views.add(new StreamRowView(
                    stream,
                    StreamAges.status(stream, streams.lifetime(), elapsed, nowEpochMillis),
                    stream.ageMillisAfter(elapsed, nowEpochMillis),
                    streams.lifetime().lifetimeOf(stream.method()),
                    nowEpochMillis));
        }
        return views;
    }

    private static String noteFor(StreamsState.Source source) {
        return switch (source) {
            case BRIDGE ->
                "Each open stream as the jmx-bridge tracks it inside the target. Red: older than its"
                        + " lifetime. Amber: past 80% of it. View → Stream lifetimes… (Ctrl+L) sets them.";
            case CHANNELZ ->
                "This target has no jmx-bridge, so per-stream ages are unknown. These bounds are derived"
                        + " from channelz socket counters: how many of each socket's open streams must be, and may be,"
                        + " older than the lifetime.";
            case NONE ->
                "Stream ages need the jmx-bridge in the target (one interceptor per server and channel, see"
                        + " the README) or a channelz address for bounds.";
        };
    }

    static String describe(OverdueCount count) {
        return StreamsState.describe(count);
    }
}
