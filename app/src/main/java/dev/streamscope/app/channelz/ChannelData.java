package dev.streamscope.app.channelz;

import java.time.Instant;

/**
 * What channelz reports about a channel or subchannel itself. Counters are proto3 scalars: the peer always sends them
 * (absent means zero on the wire); message fields the peer may leave out are {@code null} here, never invented.
 *
 * @param state the connectivity state, or {@code null} when the peer did not report one
 * @param target the target the channel was created for (may be empty)
 * @param callsStarted calls started on this channel
 * @param callsSucceeded calls that ended OK
 * @param callsFailed calls that ended with any other status
 * @param lastCallStarted when the last call started, or {@code null}
 * @param trace the channel trace, or {@code null} when tracing is off or the peer sent none
 */
public record ChannelData(
        ConnectivityState state,
        String target,
        long callsStarted,
        long callsSucceeded,
        long callsFailed,
        Instant lastCallStarted,
        ChannelTrace trace) {

    /** Calls started and not yet ended: started - succeeded - failed, at least zero. */
    public long callsInFlight() {
        return Math.max(0, callsStarted - callsSucceeded - callsFailed);
    }
}
