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
 * @param sites the bridge's creation-site groups, largest overdue first; null when it gave none
 * @param sitesReason why {@code sites} is null; null when it is not
 */
public record StreamsSummary(
        String source,
        Long lifetimeMillis,
        Long open,
        Long overdueMin,
        Long overdueMax,
        List<OldestStream> oldest,
        List<SiteSummary> sites,
        String sitesReason) {

    public static final StreamsSummary UNKNOWN = new StreamsSummary(null, null, null, null, null, List.of());

    public StreamsSummary {
        oldest = List.copyOf(oldest);
        sites = sites == null ? null : List.copyOf(sites);
    }

    /** A summary without creation sites, for sources that have none. */
    public StreamsSummary(
            String source,
            Long lifetimeMillis,
            Long open,
            Long overdueMin,
            Long overdueMax,
            List<OldestStream> oldest) {
        this(source, lifetimeMillis, open, overdueMin, overdueMax, oldest, null, StreamsReports.NO_SITES);
    }

    /** One open stream, as the bridge reports it. */
    public record OldestStream(String method, String side, String peer, long ageMillis) {}

    /**
     * One creation-site group as summary.json's {@code streams.sites} spells it; null where the bridge did not say.
     *
     * @param kind {@code CLIENT_CALL} (a line of code), {@code SERVER_METHOD} (a remote peer) or {@code NOT_SAMPLED}
     * @param open the sampled open streams, as before estimates (the same as {@code sampledOpen})
     * @param overdue the sampled overdue streams (the same as {@code sampledOverdue})
     * @param openEstimate estimated open streams; the sampled count from a bridge before estimates
     * @param overdueEstimate estimated overdue streams; likewise
     */
    public record SiteSummary(
            String site,
            String method,
            Long open,
            Long overdue,
            Long oldestAgeMillis,
            Boolean sampled,
            String kind,
            Long openEstimate,
            Long overdueEstimate,
            Long sampledOpen,
            Long sampledOverdue) {}
}
