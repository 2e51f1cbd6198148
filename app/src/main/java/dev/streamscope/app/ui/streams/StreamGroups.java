package dev.streamscope.app.ui.streams;

import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import dev.streamscope.app.lifetime.StreamStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The Streams tab's grouped rows: by site and method from the bridge's sites, by peer from the oldest rows. */
final class StreamGroups {

    private static final Comparator<GroupRowView> MOST_OVERDUE_THEN_OPEN = Comparator.comparingLong(
                    GroupRowView::overdue)
            .thenComparingLong(GroupRowView::open)
            .reversed();

    private static final String OTHER_SITES = "(sites past the limit)";

    private StreamGroups() {}

    /** One row per site in the bridge's order (most overdue first, unsampled streams last), then what the limit cut. */
    static List<GroupRowView> bySite(StreamSites sites) {
        long total = sites.otherOpenStreams()
                + sites.groups().stream().mapToLong(StreamGroups::open).sum();
        List<GroupRowView> rows = new ArrayList<>();
        for (StreamSite site : sites.groups()) {
            rows.add(new GroupRowView(
                    siteText(site),
                    site.method() == null ? "" : site.method(),
                    open(site),
                    overdue(site),
                    site.oldestAgeMillis(),
                    share(open(site), total),
                    sampledText(site),
                    site.stackText()));
        }
        if (sites.otherGroups() > 0) {
            rows.add(new GroupRowView(
                    sites.otherGroups() + " other sites",
                    "",
                    sites.otherOpenStreams(),
                    sites.otherOverdueStreams(),
                    null,
                    share(sites.otherOpenStreams(), total),
                    "",
                    ""));
        }
        return rows;
    }

    /** The sites' counts summed per method; what the limit cut counts as one more group. */
    static List<GroupRowView> byMethod(StreamSites sites) {
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
        return groups(
                all,
                site -> site.method() == null ? "(unknown method)" : site.method(),
                StreamGroups::open,
                StreamGroups::overdue,
                StreamSite::oldestAgeMillis);
    }

    /** The oldest rows counted per peer: the bridge sends at most so many rows, so younger streams may be missing. */
    static List<GroupRowView> byPeer(List<StreamRowView> oldest) {
        return groups(
                oldest,
                row -> row.stream().peer() == null
                        ? "(unknown peer)"
                        : row.stream().peer(),
                row -> 1L,
                row -> row.status() == StreamStatus.OVERDUE ? 1L : 0L,
                StreamRowView::ageMillis);
    }

    private static <T> List<GroupRowView> groups(
            List<T> items,
            Function<T, String> key,
            Function<T, Long> open,
            Function<T, Long> overdue,
            Function<T, Long> age) {
        record Sum(long open, long overdue, Long oldest) {
            Sum plus(long moreOpen, long moreOverdue, Long age) {
                Long older = age == null ? oldest : oldest == null ? age : Math.max(oldest, age);
                return new Sum(open + moreOpen, overdue + moreOverdue, older);
            }
        }
        Map<String, Sum> sums = new LinkedHashMap<>();
        long total = 0;
        for (T item : items) {
            long itemOpen = open.apply(item);
            total += itemOpen;
            sums.merge(
                    key.apply(item),
                    new Sum(itemOpen, overdue.apply(item), age.apply(item)),
                    (sum, more) -> sum.plus(more.open(), more.overdue(), more.oldest()));
        }
        long all = total;
        return sums.entrySet().stream()
                .map(entry -> new GroupRowView(
                        entry.getKey(),
                        "",
                        entry.getValue().open(),
                        entry.getValue().overdue(),
                        entry.getValue().oldest(),
                        share(entry.getValue().open(), all),
                        "",
                        ""))
                .sorted(MOST_OVERDUE_THEN_OPEN)
                .toList();
    }

    /** Server streams were opened by the remote client: the site names it, and the row says so. */
    static String siteText(StreamSite site) {
        if (StreamSite.SERVER_METHOD.equals(site.kind())) {
            return "opened by " + site.label() + " (server side: the opener is the client)";
        }
        return site.label();
    }

    private static String sampledText(StreamSite site) {
        if (site.notSampled()) {
            return "not sampled";
        }
        return Boolean.TRUE.equals(site.sampled()) ? "sampled" : "exact";
    }

    private static double share(long open, long total) {
        return total == 0 ? 0 : (double) open / total;
    }

    private static long open(StreamSite site) {
        return site.openStreams() == null ? 0 : site.openStreams();
    }

    private static long overdue(StreamSite site) {
        return site.overdueStreams() == null ? 0 : site.overdueStreams();
    }
}
