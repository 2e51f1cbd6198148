package dev.streamscope.app.lifetime;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure arithmetic on stream ages against a {@link LifetimePolicy}: per-row status, overdue counts from a bridge's
 * rows and counters, and open streams by method. No I/O; same answers on the FX thread and in headless capture.
 */
public final class StreamAges {

    /** A stream past this share of its lifetime is {@link StreamStatus#NEAR}. */
    public static final double NEAR_SHARE = 0.8;

    /** What a row without a method is counted as. */
    public static final String UNKNOWN_METHOD = "(unknown)";

    private StreamAges() {}

    public static StreamStatus status(long ageMillis, Duration lifetime) {
        long lifetimeMillis = lifetime.toMillis();
        if (ageMillis >= lifetimeMillis) {
            return StreamStatus.OVERDUE;
        }
        return ageMillis >= NEAR_SHARE * lifetimeMillis ? StreamStatus.NEAR : StreamStatus.OK;
    }

    /**
     * The status of {@code row} {@code elapsedMillis} after it was read (ages tick between polls); a row without an
     * age is {@link StreamStatus#OK}: nothing says it is old.
     */
    public static StreamStatus status(
            StreamRecord row, LifetimePolicy policy, long elapsedMillis, long nowEpochMillis) {
        Long age = row.ageMillisAfter(elapsedMillis, nowEpochMillis);
        return age == null ? StreamStatus.OK : status(age, policy.lifetimeOf(row.method()));
    }

    /** How many rows are overdue, as read. */
    public static long overdueAmong(List<StreamRecord> rows, LifetimePolicy policy) {
        return rows.stream()
                .filter(row -> row.ageMillis() != null
                        && status(row.ageMillis(), policy.lifetimeOf(row.method())) == StreamStatus.OVERDUE)
                .count();
    }

    /**
     * The overdue count of one bridge from what one poll read: the oldest rows (oldest first, at most
     * {@code oldestLimit}) and, where read, the bridge's own counts of streams at least the shortest and the longest
     * lifetime old.
     *
     * <ul>
     *   <li>One lifetime for every method: {@code olderThanShortest} is the exact answer.
     *   <li>Per-method lifetimes and the rows reach every stream at least the shortest lifetime old (fewer rows than
     *       the limit, or the last row younger than that): classifying the rows is exact.
     *   <li>Otherwise bounds: at least the overdue rows plus the streams past the longest lifetime beyond the rows
     *       (overdue whatever their method); at most the streams past the shortest lifetime less the rows among them
     *       that their own method's lifetime clears.
     * </ul>
     *
     * A {@code null} count (an older bridge without {@code countOlderThan}, or a count not read because the rows
     * sufficed) falls back to what the rows and {@code openStreams} say.
     */
    public static OverdueCount overdue(
            List<StreamRecord> oldest,
            int oldestLimit,
            Integer openStreams,
            LifetimePolicy policy,
            Long olderThanShortest,
            Long olderThanLongest) {
        if (policy.uniform() && olderThanShortest != null) {
            return OverdueCount.exactly(olderThanShortest);
        }
        long overdueRows = overdueAmong(oldest, policy);
        long shortestMillis = policy.shortest().toMillis();
        long longestMillis = policy.longest().toMillis();
        if (rowsReachEveryStreamOlderThan(oldest, oldestLimit, shortestMillis)) {
            return OverdueCount.exactly(overdueRows);
        }
        long rowsPastLongest = oldest.stream()
                .filter(row -> row.ageMillis() != null && row.ageMillis() >= longestMillis)
                .count();
        long rowsPastShortestNotOverdue = oldest.stream()
                .filter(row -> row.ageMillis() != null
                        && row.ageMillis() >= shortestMillis
                        && row.ageMillis() < policy.lifetimeOf(row.method()).toMillis())
                .count();
        long beyondRowsPastLongest = olderThanLongest == null ? 0 : Math.max(0, olderThanLongest - rowsPastLongest);
        long atLeast = overdueRows + beyondRowsPastLongest;
        long candidates = olderThanShortest != null
                ? olderThanShortest
                : openStreams != null ? openStreams : Math.max(oldest.size(), atLeast);
        long atMost = Math.max(atLeast, candidates - rowsPastShortestNotOverdue);
        return new OverdueCount(atLeast, atMost);
    }

    /**
     * Whether rows read oldest first, at most {@code oldestLimit}, hold every stream at least {@code ageMillis} old:
     * the list was not cut short, or its last row is younger than that.
     */
    public static boolean rowsReachEveryStreamOlderThan(List<StreamRecord> oldest, int oldestLimit, long ageMillis) {
        if (oldest.size() < oldestLimit) {
            return true;
        }
        if (oldest.isEmpty()) {
            // asked for no rows: they say nothing
            return false;
        }
        Long lastAge = oldest.get(oldest.size() - 1).ageMillis();
        return lastAge != null && lastAge < ageMillis;
    }

    /** Open streams by method among a bridge read's rows; see {@link #openByMethod(List, Integer, int)}. */
    public static OpenByMethod openByMethod(BridgeStreams streams, int topCount) {
        return openByMethod(streams.oldest(), streams.openStreamsOrNull(), topCount);
    }

    /**
     * Open streams by method among {@code rows}, the {@code topCount} busiest methods and "other".
     *
     * @param openStreams all open streams, when known; the counts say whether the rows covered them
     */
    public static OpenByMethod openByMethod(List<StreamRecord> rows, Integer openStreams, int topCount) {
        Map<String, Long> counts = new HashMap<>();
        for (StreamRecord row : rows) {
            counts.merge(row.method() == null ? UNKNOWN_METHOD : row.method(), 1L, Long::sum);
        }
        List<OpenByMethod.MethodCount> sorted = counts.entrySet().stream()
                .map(entry -> new OpenByMethod.MethodCount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(OpenByMethod.MethodCount::open)
                        .reversed()
                        .thenComparing(OpenByMethod.MethodCount::method))
                .toList();
        List<OpenByMethod.MethodCount> top = sorted.subList(0, Math.min(Math.max(0, topCount), sorted.size()));
        long other = sorted.subList(top.size(), sorted.size()).stream()
                .mapToLong(OpenByMethod.MethodCount::open)
                .sum();
        boolean partial = openStreams == null || rows.size() < openStreams;
        return new OpenByMethod(top, other, partial, rows.size());
    }
}
