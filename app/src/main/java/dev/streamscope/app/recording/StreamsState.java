package dev.streamscope.app.recording;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.GrowingConnection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a target's streams look like at one moment, decided once for the window and the capture: the jmx-bridge's rows
 * while the target shows the bridge, else bounds derived from channelz counters, else nothing.
 *
 * @param bridge the latest bridge read when {@code source} is BRIDGE, else null
 * @param channelz the latest channelz bounds when {@code source} is CHANNELZ, else null
 * @param bridgeLost the target showed the bridge once and no longer does (restarted without it)
 * @param lifetimeSource whose lifetimes the overdue counts use: the user's, the service's (its bridge), or the default
 * @param growing connections whose open streams climb steadily (channelz), fastest first; empty when none or unknown
 */
public record StreamsState(
        Source source,
        BridgeStreams bridge,
        ChannelzStreamAges channelz,
        boolean bridgeLost,
        LifetimeChoice.Source lifetimeSource,
        List<GrowingConnection> growing) {

    /** Where the stream ages come from. */
    public enum Source {
        NONE,
        BRIDGE,
        CHANNELZ
    }

    public static final StreamsState NONE =
            new StreamsState(Source.NONE, null, null, false, LifetimeChoice.Source.DEFAULT, List.of());

    public StreamsState {
        if (source == null
                || (source == Source.BRIDGE) != (bridge != null)
                || (source == Source.CHANNELZ) != (channelz != null)) {
            throw new IllegalArgumentException(
                    "a stream view from " + source + " needs that source's data, and only it");
        }
        Objects.requireNonNull(lifetimeSource, "lifetimeSource");
        growing = growing == null ? List.of() : List.copyOf(growing); // null: streams.json from before growth
    }

    /** True when a connection's open streams climb steadily: evidence of a leak even when no age can be proven. */
    public boolean growingFound() {
        return !growing.isEmpty();
    }

    /** Streams older than their lifetime: exact from the bridge, bounds from channelz, null when unknown. */
    public OverdueCount overdue() {
        return switch (source) {
            case BRIDGE -> bridge.overdue();
            case CHANNELZ -> channelz.overdue();
            case NONE -> null;
        };
    }

    /** One line for the Streams view: "12,043 open · 37 overdue (lifetime 60 s) · oldest 500 shown · from …". */
    public String summary() {
        return switch (source) {
            case BRIDGE -> bridgeSummary(bridge);
            case CHANNELZ ->
                channelz.summary()
                        + " · "
                        + lifetimeSource.text()
                        + (channelz.perMethodLifetimesIgnored()
                                ? " · per-method lifetimes need the jmx-bridge; channelz knows no methods"
                                : "");
            case NONE ->
                bridgeLost
                        ? "This target has no jmx-bridge: no per-stream ages. Add the bridge (see the README) or give"
                                + " a channelz address for bounds."
                        : "No stream ages yet: waiting for the jmx-bridge or channelz.";
        };
    }

    public static String describe(OverdueCount count) {
        return count.exact()
                ? String.format(Locale.ROOT, "%,d", count.atLeast())
                : String.format(Locale.ROOT, "%,d to %,d", count.atLeast(), count.atMost());
    }

    private String bridgeSummary(BridgeStreams streams) {
        Integer open = streams.openStreamsOrNull();
        return String.format(
                Locale.ROOT,
                "%s open · %s overdue (%s) · oldest %d shown · from the jmx-bridge%s",
                open == null ? "?" : String.format(Locale.ROOT, "%,d", open),
                describe(streams.overdue()),
                describe(streams.lifetime(), lifetimeSource),
                streams.oldest().size(),
                streams.droppedTotal() != null && streams.droppedTotal() > 0
                        ? String.format(Locale.ROOT, " · %,d not tracked (capacity reached)", streams.droppedTotal())
                        : "");
    }

    private static String describe(LifetimePolicy policy, LifetimeChoice.Source whose) {
        String main = "lifetime " + DurationText.age(policy.defaultLifetime());
        return (policy.overrides().isEmpty()
                        ? main
                        : main + ", " + policy.overrides().size() + " per-method") + ", " + whose.text();
    }
}
