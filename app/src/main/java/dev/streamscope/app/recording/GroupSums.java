package dev.streamscope.app.recording;

import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Open streams summed per group (method, peer), ranked once for the Streams tab and a recording alike. */
public final class GroupSums {

    /** The group the sites past the bridge's limit are summed in. */
    public static final String OTHER_SITES = "(sites past the limit)";

    public static final String UNKNOWN_METHOD = "(unknown method)";

    /**
     * One group's sums.
     *
     * @param oldestMillis the oldest stream's age, or null when unknown
     * @param share the group's part of all open streams, 0 to 1
     */
    public record GroupSum(String group, long open, long overdue, Long oldestMillis, double share) {}

    /** Most overdue first, then most open: a leak above a busy healthy group. */
    public static final Comparator<GroupSum> MOST_OVERDUE_THEN_OPEN = Comparator.comparingLong(GroupSum::overdue)
            .thenComparingLong(GroupSum::open)
            .reversed();

    private GroupSums() {}

    /** The sites' counts summed per method; what the limit cut counts as one more group. */
    public static List<GroupSum> byMethod(StreamSites sites) {
        List<StreamSite> all = new ArrayList<>(sites.groups());
        if (sites.otherGroups() > 0) {
            all.add(new StreamSite(
                    null,
                    null,
                    null,
                    OTHER_SITES,
                    null,
                    sites.otherOpenStreams(),
                    sites.otherOverdueStreams(),
                    null,
                    null,
                    List.of()));
        }
        return sum(
                all,
                site -> site.method() == null ? UNKNOWN_METHOD : site.method(),
                site -> site.openStreams() == null ? 0 : site.openStreams(),
                site -> site.overdueStreams() == null ? 0 : site.overdueStreams(),
                StreamSite::oldestAgeMillis);
    }

    /** {@code items} summed per {@code key}, {@link #MOST_OVERDUE_THEN_OPEN}; ties keep the order of first sight. */
    public static <T> List<GroupSum> sum(
            List<T> items,
            Function<T, String> key,
            ToLongFunction<T> open,
            ToLongFunction<T> overdue,
            Function<T, Long> age) {
        record Sum(long open, long overdue, Long oldest) {
            Sum plus(Sum more) {
                Long older =
                        more.oldest == null ? oldest : oldest == null ? more.oldest : Math.max(oldest, more.oldest);
                return new Sum(open + more.open, overdue + more.overdue, older);
            }
        }
        Map<String, Sum> sums = new LinkedHashMap<>();
        long total = 0;
        for (T item : items) {
            long itemOpen = open.applyAsLong(item);
            total += itemOpen;
            sums.merge(key.apply(item), new Sum(itemOpen, overdue.applyAsLong(item), age.apply(item)), Sum::plus);
        }
        long all = total;
        return sums.entrySet().stream()
                .map(entry -> new GroupSum(
                        entry.getKey(),
                        entry.getValue().open(),
                        entry.getValue().overdue(),
                        entry.getValue().oldest(),
                        share(entry.getValue().open(), all)))
                .sorted(MOST_OVERDUE_THEN_OPEN)
                .toList();
    }

    /** {@code open}'s part of {@code total}, 0 when there are none. */
    public static double share(long open, long total) {
        return total == 0 ? 0 : (double) open / total;
    }
}
