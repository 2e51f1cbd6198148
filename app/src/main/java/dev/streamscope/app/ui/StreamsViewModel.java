package dev.streamscope.app.ui;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.lifetime.StreamAges;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.StreamsRecorder;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.ChannelzStreamBounds;
import dev.streamscope.app.streams.SocketStreamAges;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A target's stream lifetimes: the jmx-bridge's oldest open streams when the target carries it, else per-socket
 * bounds derived from channelz counters, clearly labelled as such. Feeds the Streams tab, the tab's badge and the
 * stream charts. Lives on the FX thread.
 */
public final class StreamsViewModel {

    /** Where the stream ages come from. */
    public enum Source {
        NONE,
        BRIDGE,
        CHANNELZ
    }

    private final SeriesStore store;
    private final ChannelzStreamBounds channelzBounds = new ChannelzStreamBounds();
    private final ObservableList<StreamRowView> rows = FXCollections.observableArrayList();
    private final ObservableList<SocketStreamAges> sockets = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Source> source = new ReadOnlyObjectWrapper<>(Source.NONE);
    private final ReadOnlyObjectWrapper<OverdueCount> overdue = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary =
            new ReadOnlyStringWrapper("No stream ages yet: waiting for the jmx-bridge or channelz.");
    private LifetimePolicy lifetime = LifetimePolicy.DEFAULT;

    StreamsViewModel(SeriesStore store) {
        this.store = store;
    }

    /** The oldest open streams (jmx-bridge), oldest first, with their status against their lifetime. */
    public ObservableList<StreamRowView> rows() {
        return rows;
    }

    /** Per-socket bounds derived from channelz counters, for targets without the bridge. */
    public ObservableList<SocketStreamAges> sockets() {
        return sockets;
    }

    public ReadOnlyObjectProperty<Source> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** Streams older than their lifetime: exact from the bridge, bounds from channelz, null when unknown. */
    public ReadOnlyObjectProperty<OverdueCount> overdueProperty() {
        return overdue.getReadOnlyProperty();
    }

    /** "12,043 open · 37 overdue (lifetime 60 s) · oldest 500 shown · from the jmx-bridge". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public LifetimePolicy lifetime() {
        return lifetime;
    }

    void setLifetime(LifetimePolicy policy) {
        this.lifetime = policy;
    }

    /** A tick from a target with the bridge. */
    void apply(BridgeStreams streams, long nowEpochMillis) {
        source.set(Source.BRIDGE);
        StreamsRecorder.record(streams.readAt().toEpochMilli(), streams, store);
        long elapsed = Math.max(0, nowEpochMillis - streams.readAt().toEpochMilli());
        List<StreamRowView> views = new ArrayList<>(streams.oldest().size());
        for (StreamRecord stream : streams.oldest()) {
            views.add(new StreamRowView(
                    stream,
                    StreamAges.status(stream, streams.lifetime(), elapsed, nowEpochMillis),
                    stream.ageMillisAfter(elapsed, nowEpochMillis),
                    streams.lifetime().lifetimeOf(stream.method())));
        }
        rows.setAll(views);
        sockets.clear();
        overdue.set(streams.overdue());
        Integer open = streams.openStreamsOrNull();
        summary.set(String.format(
                "%s open · %s overdue (%s) · oldest %d shown · from the jmx-bridge%s",
                open == null ? "?" : String.format("%,d", open),
                describe(streams.overdue()),
                describe(streams.lifetime()),
                streams.oldest().size(),
                streams.droppedTotal() != null && streams.droppedTotal() > 0
                        ? String.format(" · %,d not tracked (capacity reached)", streams.droppedTotal())
                        : ""));
    }

    /** A channelz refresh; used for stream ages only while the target shows no bridge. */
    void apply(ChannelzSnapshot snapshot) {
        ChannelzStreamAges ages = channelzBounds.update(snapshot, lifetime);
        if (source.get() == Source.BRIDGE) {
            return;
        }
        source.set(Source.CHANNELZ);
        StreamsRecorder.record(ages, store);
        rows.clear();
        sockets.setAll(ages.sockets().stream()
                .filter(socket -> socket.open() > 0)
                .sorted((a, b) -> Long.compare(b.olderAtLeast(), a.olderAtLeast()))
                .toList());
        overdue.set(ages.overdue());
        summary.set(ages.summary()
                + (ages.perMethodLifetimesIgnored()
                        ? " · per-method lifetimes need the jmx-bridge; channelz knows no methods"
                        : ""));
    }

    /** The bridge went away (a restarted target without it): fall back to channelz at the next refresh. */
    void bridgeAbsent() {
        if (source.get() == Source.BRIDGE) {
            source.set(Source.NONE);
            rows.clear();
            overdue.set(null);
            summary.set("This target has no jmx-bridge: no per-stream ages. Add the bridge (see the README) or give"
                    + " a channelz address for bounds.");
        }
    }

    static String describe(OverdueCount count) {
        return count.exact()
                ? String.format("%,d", count.atLeast())
                : String.format("%,d to %,d", count.atLeast(), count.atMost());
    }

    private static String describe(LifetimePolicy policy) {
        String main = "lifetime " + DurationText.age(policy.defaultLifetime());
        return policy.overrides().isEmpty()
                ? main
                : main + ", " + policy.overrides().size() + " per-method";
    }
}
