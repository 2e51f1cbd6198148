package dev.streamscope.bridge;

import java.util.List;

/**
 * What the bridge publishes at {@code dev.streamscope:type=GrpcStreams} (plus {@code ,name=…} for extra trackers).
 *
 * <p>An MXBean, so a JMX client reads it with open types only: the operations return {@code CompositeData[]}, one
 * {@link StreamRow} each, oldest first. Rows are a weakly consistent view: a stream that opens or ends while a row list
 * is being built may or may not be in it; a stream open the whole time is.
 */
public interface GrpcStreamsMXBean {

    /** Streams tracked right now, at most {@link #getCapacity()}. */
    int getOpenStreams();

    /** Streams tracked since the bridge started (dropped ones not included). */
    long getStartedTotal();

    /** Tracked streams that ended, however they ended. */
    long getEndedTotal();

    /** Streams not tracked because {@link #getCapacity()} streams were open at the time. */
    long getDroppedTotal();

    /** The most streams tracked at once. */
    int getCapacity();

    /** Mean lifetime of the ended streams, 0 before any ended. */
    double getMeanLifetimeMillis();

    /** Age of the oldest open stream, 0 when none is open. */
    long getOldestAgeMillis();

    /** The oldest open streams, oldest first, at most {@code limit}. Costs O(limit). */
    List<StreamRow> oldest(int limit);

    /** Open streams at least {@code ageMillis} old, oldest first, at most {@code limit}. Costs O(limit). */
    List<StreamRow> olderThan(long ageMillis, int limit);

    /** How many open streams are at least {@code ageMillis} old. Costs O(that count). */
    long countOlderThan(long ageMillis);
}
