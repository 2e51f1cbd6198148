package dev.streamscope.app.series;

import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.OpenByMethod;
import dev.streamscope.app.lifetime.StreamAges;
import dev.streamscope.app.streams.ChannelzStreamAges;

/**
 * Maps stream-lifetime readings to series: from the jmx-bridge (exact) or, for targets without it, the bounds derived
 * from channelz counters. A value the source does not give is left out, never stored as zero.
 */
public final class StreamsRecorder {

    /** Methods charted by name; the rest are summed as "other", so a busy service cannot flood the store. */
    public static final int TOP_METHODS = 5;

    private StreamsRecorder() {}

    public static void record(long epochMillis, BridgeStreams streams, SeriesStore store) {
        if (streams.openStreams() != null) {
            store.append(SeriesKeys.STREAMS_OPEN, epochMillis, streams.openStreams());
        }
        store.append(
                SeriesKeys.STREAMS_OVERDUE_AT_LEAST,
                epochMillis,
                streams.overdue().atLeast());
        store.append(
                SeriesKeys.STREAMS_OVERDUE_AT_MOST,
                epochMillis,
                streams.overdue().atMost());
        if (streams.meanLifetimeMillis() != null) {
            store.append(SeriesKeys.STREAMS_MEAN_LIFETIME, epochMillis, streams.meanLifetimeMillis());
        }
        if (streams.oldestAgeMillis() != null) {
            store.append(SeriesKeys.STREAMS_OLDEST_AGE, epochMillis, streams.oldestAgeMillis());
        }
        OpenByMethod byMethod = StreamAges.openByMethod(streams, TOP_METHODS);
        for (OpenByMethod.MethodCount method : byMethod.top()) {
            store.append(SeriesKeys.STREAMS_BY_METHOD_PREFIX + method.method(), epochMillis, method.open());
        }
        if (byMethod.other() > 0
                || store.find(SeriesKeys.STREAMS_BY_METHOD_PREFIX + OpenByMethod.OTHER)
                        .isPresent()) {
            store.append(SeriesKeys.STREAMS_BY_METHOD_PREFIX + OpenByMethod.OTHER, epochMillis, byMethod.other());
        }
    }

    /** Channelz gives only bounds, and only when the target has no bridge to say better. */
    public static void record(ChannelzStreamAges ages, SeriesStore store) {
        long time = ages.takenAt().toEpochMilli();
        store.append(SeriesKeys.STREAMS_OVERDUE_AT_LEAST, time, ages.overdue().atLeast());
        store.append(SeriesKeys.STREAMS_OVERDUE_AT_MOST, time, ages.overdue().atMost());
    }
}
