package dev.streamscope.app.channelz;

import java.time.Instant;

/**
 * What channelz reports about a server itself.
 *
 * @param callsStarted calls the server has received
 * @param callsSucceeded calls that ended OK
 * @param callsFailed calls that ended with any other status
 * @param lastCallStarted when the last call started, or {@code null}
 * @param trace the server trace, or {@code null}
 */
public record ServerData(
        long callsStarted, long callsSucceeded, long callsFailed, Instant lastCallStarted, ChannelTrace trace) {}
