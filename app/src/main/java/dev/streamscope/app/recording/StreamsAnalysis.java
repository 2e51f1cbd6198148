package dev.streamscope.app.recording;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.StreamsRecorder;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.ChannelzStreamBounds;
import java.util.Objects;

/**
 * Keeps a target's {@link StreamsState} and its stream series: the bridge's rows win while ticks carry them; a tick
 * without them (a target restarted without the bridge) falls back to channelz bounds at the next refresh. Confined to
 * the recorder's thread.
 */
final class StreamsAnalysis {

    private final ChannelzStreamBounds channelzBounds = new ChannelzStreamBounds();
    private LifetimePolicy lifetime = LifetimePolicy.DEFAULT;
    private StreamsState state = StreamsState.NONE;

    void setLifetime(LifetimePolicy policy) {
        this.lifetime = Objects.requireNonNull(policy, "policy");
    }

    LifetimePolicy lifetime() {
        return lifetime;
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
            StreamsRecorder.record(streams.readAt().toEpochMilli(), streams, store);
            state = new StreamsState(StreamsState.Source.BRIDGE, streams, null, false);
        } else if (state.source() == StreamsState.Source.BRIDGE) {
            state = new StreamsState(StreamsState.Source.NONE, null, null, true);
        }
    }

    /** A successful channelz refresh; its bounds stand for the streams only while the target shows no bridge. */
    void onChannelz(ChannelzSnapshot snapshot, SeriesStore store) {
        ChannelzStreamAges ages = channelzBounds.update(snapshot, lifetime);
        if (state.source() == StreamsState.Source.BRIDGE) {
            return;
        }
        StreamsRecorder.record(ages, store);
        state = new StreamsState(StreamsState.Source.CHANNELZ, null, ages, state.bridgeLost());
    }
}
