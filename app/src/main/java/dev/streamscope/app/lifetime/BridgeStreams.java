package dev.streamscope.app.lifetime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One read of the jmx-bridge in a target: its counters, its oldest open streams and how many are overdue. Attributes a
 * bridge of another version lacks are {@code null}. With several trackers in the JVM ({@code ,name=…}) the counters
 * are sums (the oldest age the maximum, the mean lifetime weighted by ended streams) and the rows the oldest of all.
 *
 * @param readAt when the read started, on our clock; row ages are as of about this moment
 * @param trackers how many bridge MBeans were read
 * @param openStreams streams tracked right now
 * @param startedTotal streams tracked since start
 * @param endedTotal tracked streams that ended
 * @param droppedTotal streams not tracked because the capacity was reached
 * @param capacity the most streams tracked at once
 * @param meanLifetimeMillis the mean lifetime of ended streams
 * @param oldestAgeMillis the age of the oldest open stream, 0 when none
 * @param oldestLimit how many rows were asked for
 * @param oldest the oldest open streams, oldest first, at most {@code oldestLimit}
 * @param lifetime the policy the overdue count was made with
 * @param overdue open streams older than their lifetime; exact unless per-method lifetimes and more streams than
 *     rows make it bounds, see {@code BridgeReader}
 * @param roundTrips JMX calls this read made
 * @param bytesSent bytes written to the target for this read (0 when unmetered)
 * @param bytesReceived bytes read from the target for this read (0 when unmetered)
 * @param serviceLifetime the lifetimes the service gave its bridge ({@code -Dstreamscope.lifetime}); null when it gave
 *     none, its bridge is older than that attribute, or its trackers disagree. See {@link LifetimeChoice}.
 * @param sites the open streams grouped by creation site, at most {@link #DEFAULT_SITE_LIMIT} groups; null when the
 *     bridge is older than its {@code sites} operation
 */
public record BridgeStreams(
        Instant readAt,
        int trackers,
        Integer openStreams,
        Long startedTotal,
        Long endedTotal,
        Long droppedTotal,
        Integer capacity,
        Double meanLifetimeMillis,
        Long oldestAgeMillis,
        int oldestLimit,
        List<StreamRecord> oldest,
        LifetimePolicy lifetime,
        OverdueCount overdue,
        int roundTrips,
        long bytesSent,
        long bytesReceived,
        LifetimePolicy serviceLifetime,
        StreamSites sites) {

    /**
     * The rows a Streams poll asks for. Measured (StreamsPollBytesProbe, the demo at 12,000 open tracked streams, JMX
     * over RMI on 127.0.0.1): read by column ({@code oldestTable}), a row costs about 62 bytes, and one poll of 500 rows
     * with the counters and the overdue count moves 35,173 bytes (1,108 sent, 34,065 received; 35,700 with per-method
     * lifetimes, one more {@code countOlderThan}), 1,000 rows 66,731 (per-method). Row by row ({@code oldest}, a bridge older than
     * the table) a row costs about 218 bytes and 500 rows about 110 KB, so against such a bridge the poll is larger
     * than 64 KiB; the table keeps it near half that, with room for distinct peers (each new text travels once).
     */
    public static final int DEFAULT_OLDEST_LIMIT = 500;

    /**
     * The creation-site groups a poll asks for. Each group carries up to 8 frames of text, so a group costs a few
     * hundred bytes over RMI; 50 covers the sites of a service with room, and the rest is summed as other.
     */
    public static final int DEFAULT_SITE_LIMIT = 50;

    public BridgeStreams {
        Objects.requireNonNull(readAt, "readAt");
        oldest = List.copyOf(oldest);
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(overdue, "overdue");
    }

    /** The creation-site groups, empty when the bridge has none to give (older than its {@code sites} operation). */
    public Optional<StreamSites> sitesIfKnown() {
        return Optional.ofNullable(sites);
    }

    /** Whether {@link #oldest()} holds every open stream, so that counts made from the rows are totals. */
    public boolean oldestComplete() {
        return oldest.size() < oldestLimit || (openStreams != null && oldest.size() >= openStreams);
    }

    /** Open streams for display: the counter, else the rows when they are complete, else null. */
    public Integer openStreamsOrNull() {
        if (openStreams != null) {
            return openStreams;
        }
        return oldest.size() < oldestLimit ? oldest.size() : null;
    }
}
