package dev.streamscope.app.recording;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.StreamsRecorder;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.ChannelzStreamBounds;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.StreamGrowth;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Keeps a target's {@link StreamsState} and its stream series: the bridge's rows win while ticks carry them; a tick
 * without them (a target restarted without the bridge) falls back to channelz bounds at the next refresh. Confined to
 * the recorder's thread.
 */
final class StreamsAnalysis {

    private final ChannelzStreamBounds channelzBounds = new ChannelzStreamBounds();
    private StreamGrowth growth = new StreamGrowth(StreamGrowth.DEFAULT_WINDOW);
    private List<GrowingConnection> growing = List.of();
    private LifetimePolicy userLifetime;
    private BridgeStreams latestBridge;
    private StreamsState state = StreamsState.NONE;

    /** @param policy the user's lifetimes, or null to use the service's own (from its bridge), else the default */
    void setLifetime(LifetimePolicy policy) {
        this.userLifetime = policy;
    }

    /** Over how long open streams must climb on a connection to count as growing; starts the trends afresh. */
    void setTrendWindow(Duration window) {
        growth = new StreamGrowth(window);
        growing = List.of();
    }

    Duration trendWindow() {
        return growth.window();
    }

    /** The lifetimes in force and whose they are. */
    LifetimeChoice lifetime() {
        return LifetimeChoice.choose(userLifetime, latestBridge);
    }

    StreamsState state() {
        return state;
    }

    void restore(StreamsState saved) {
        state = Objects.requireNonNull(saved, "saved");
    }

    /** A JVM tick: the bridge's read, or null when the target shows no bridge. */
    void onTick(BridgeStreams streams, SeriesStore store) {
        if (streams != null) {
            latestBridge = streams;
            StreamsRecorder.record(streams.readAt().toEpochMilli(), streams, store);
            state = new StreamsState(
                    StreamsState.Source.BRIDGE, streams, null, false, lifetime().source(), growing);
        } else if (state.source() == StreamsState.Source.BRIDGE) {
            state = new StreamsState(
                    StreamsState.Source.NONE, null, null, true, lifetime().source(), growing);
        }
    }

    /** A successful channelz refresh; its bounds stand for the streams only while the target shows no bridge. */
    void onChannelz(ChannelzSnapshot snapshot, SeriesStore store) {
        LifetimeChoice choice = lifetime();
        ChannelzStreamAges ages = channelzBounds.update(snapshot, choice.policy());
        growing = growth.update(snapshot); // a climb is evidence beside the bridge's ages too
        if (state.source() == StreamsState.Source.BRIDGE) {
            state = new StreamsState(
                    StreamsState.Source.BRIDGE, state.bridge(), null, false, state.lifetimeSource(), growing);
            return;
        }
        StreamsRecorder.record(ages, store);
        state = new StreamsState(
                StreamsState.Source.CHANNELZ, null, ages, state.bridgeLost(), choice.source(), growing);
    }
}
