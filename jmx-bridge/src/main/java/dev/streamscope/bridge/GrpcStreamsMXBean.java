package dev.streamscope.bridge;

import java.util.List;

/**
 * What the bridge publishes at {@code dev.streamscope:type=GrpcStreams} (plus {@code ,name=…} for extra trackers).
 *
 * <p>An MXBean, so a JMX client reads it with open types only: the row operations return {@code CompositeData[]}, one
 * {@link StreamRow} each, oldest first, and {@link #oldestTable(int)} one {@code CompositeData} of columns. Rows are a weakly consistent view: a stream that opens or ends while a row list
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

    /**
     * The lifetimes of all ended streams added up, in milliseconds: with {@link #getEndedLifetimeCount()} the sum and
     * count of a lifetime summary, so that a scraper can rate both (a mean cannot be aggregated over time or pods).
     */
    long getEndedLifetimeMillisSum();

    /**
     * The same number as {@link #getEndedTotal()}, under its own name: scraper rules map each attribute once (the
     * Prometheus JMX exporter stops at the first matching rule), and this one becomes the summary's {@code _count}.
     */
    long getEndedLifetimeCount();

    /**
     * The lifetimes the service gave the bridge, in StreamScope's {@code --lifetime} form ({@code 60s,
     * /pkg.Service/Watch=1h}); empty when it gave none.
     */
    String getLifetimes();

    /**
     * Open streams at least as old as their method's lifetime ({@link #getLifetimes()}); -1 when the service gave no
     * lifetimes, so that an alert on {@code > 0} stays quiet rather than reporting a guess. Costs O(streams older than
     * the shortest lifetime).
     */
    long getOverdueStreams();

    /** The oldest open streams, oldest first, at most {@code limit}. Costs O(limit). */
    List<StreamRow> oldest(int limit);

    /**
     * The same rows as {@link #oldest(int)}, as one {@code CompositeData} of columns: primitive arrays and text
     * dictionaries (see {@link StreamTable}). About a quarter of the bytes over RMI for hundreds of rows, because the
     * item names and repeated texts travel once rather than once a row. Added after the first release: a reader that
     * finds no such operation (an older bridge) falls back to {@link #oldest(int)}. Costs O(limit).
     */
    StreamTable oldestTable(int limit);

    /** Open streams at least {@code ageMillis} old, oldest first, at most {@code limit}. Costs O(limit). */
    List<StreamRow> olderThan(long ageMillis, int limit);

    /** How many open streams are at least {@code ageMillis} old. Costs O(that count). */
    long countOlderThan(long ageMillis);

    /**
     * The open streams grouped by creation site and method: open, overdue and oldest per group, with the stack
     * recorded for the site (see {@link StreamSites}, {@link SiteRow}). Client streams name the application frame that
     * started the call, server streams the method and the remote client's host; sampled by rate as {@link SiteSampling}
     * says, each sample weighted, so each group has estimated open and overdue streams next to the sampled counts.
     * Lines of code (client sites) come first, then the server-side groups, then what sampling could not place.
     * Added after {@link #oldestTable(int)}: an older bridge has no such operation.
     *
     * @param defaultLifetimeMillis a stream at least this old is overdue, unless its method has its own lifetime
     * @param methods full method names with their own lifetime (may be empty)
     * @param lifetimesMillis their lifetimes, as long as {@code methods}
     * @param limit the most groups returned (at most 1,000); the rest are summed as other
     * @return the groups; costs the number of sites plus the streams that crossed the lifetime since the last read
     *     (each site keeps its overdue count between reads), so a poll at 100,000 open streams takes microseconds
     */
    StreamSites sites(long defaultLifetimeMillis, String[] methods, long[] lifetimesMillis, int limit);
}
