package dev.streamscope.app.recording;

import java.util.List;

/**
 * The summary's "streams" section.
 *
 * @param source "bridge" (exact rows from the jmx-bridge) or "channelz" (bounds from socket counters); null when
 *     neither could say
 * @param lifetimeMillis the default lifetime the overdue counts are measured against, or null
 * @param open open streams at the end, or null
 * @param overdueMin streams surely older than their lifetime; equal to {@code overdueMax} with the bridge
 * @param overdueMax streams possibly older than their lifetime
 * @param oldest the oldest open streams, oldest first; empty from channelz, which has no per-stream records
 */
public record StreamsSummary(
        String source, Long lifetimeMillis, Long open, Long overdueMin, Long overdueMax, List<OldestStream> oldest) {

    public static final StreamsSummary UNKNOWN = new StreamsSummary(null, null, null, null, null, List.of());

    public StreamsSummary {
        oldest = List.copyOf(oldest);
    }

    /** One open stream, as the bridge reports it. */
    public record OldestStream(String method, String side, String peer, long ageMillis) {}
}
