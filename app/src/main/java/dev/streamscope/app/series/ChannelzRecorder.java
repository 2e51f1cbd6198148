package dev.streamscope.app.series;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTotals;

/**
 * Maps channelz snapshots to series: entity counts, open streams per side, and call rates. Rates come from the growth
 * of cumulative counters between two refreshes; counters that shrink (channels closed, taking their counts with them)
 * give no rate point rather than a negative one. One per target, owned by the store's owner thread.
 */
public final class ChannelzRecorder {

    private ChannelzTotals previous;
    private long previousEpochMillis;

    public void record(ChannelzSnapshot snapshot, SeriesStore store) {
        long time = snapshot.takenAt().toEpochMilli();
        ChannelzTotals totals = snapshot.totals();
        store.append(SeriesKeys.GRPC_TOP_CHANNELS, time, totals.topChannels());
        store.append(SeriesKeys.GRPC_SUBCHANNELS, time, totals.subchannels());
        store.append(SeriesKeys.GRPC_CLIENT_SOCKETS, time, totals.clientSockets());
        store.append(SeriesKeys.GRPC_SERVER_SOCKETS, time, totals.serverSockets());
        store.append(SeriesKeys.GRPC_OPEN_STREAMS_CLIENT, time, totals.clientOpenStreams());
        store.append(SeriesKeys.GRPC_OPEN_STREAMS_SERVER, time, totals.serverOpenStreams());
        if (previous != null && time > previousEpochMillis) {
            double seconds = (time - previousEpochMillis) / 1000.0;
            long started = calls(totals) - calls(previous);
            long failed = failed(totals) - failed(previous);
            if (started >= 0 && failed >= 0) {
                store.append(SeriesKeys.GRPC_CALLS_STARTED_RATE, time, started / seconds);
                store.append(SeriesKeys.GRPC_CALLS_FAILED_RATE, time, failed / seconds);
            }
        }
        previous = totals;
        previousEpochMillis = time;
    }

    /** A channelz outage: the next rate is not measured across it. */
    public void forgetPrevious() {
        previous = null;
    }

    /** Client calls where the target has client channels, else the calls its servers handled. */
    private static long calls(ChannelzTotals totals) {
        return totals.callsStarted() + totals.serverCallsStarted();
    }

    private static long failed(ChannelzTotals totals) {
        return totals.callsFailed() + totals.serverCallsFailed();
    }
}
