package dev.streamscope.app.ui.streams;

import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.recording.GroupSums;
import dev.streamscope.app.recording.GroupSums.GroupSum;
import java.util.ArrayList;
import java.util.List;

/** The Streams tab's grouped rows: by site and method from the bridge's sites, by peer from the oldest rows. */
final class StreamGroups {

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
                    GroupSums.share(open(site), total),
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
                    GroupSums.share(sites.otherOpenStreams(), total),
                    "",
                    ""));
        }
        return rows;
    }

    /** The sites' counts summed per method (see {@link GroupSums#byMethod}); what the limit cut is one more group. */
    static List<GroupRowView> byMethod(StreamSites sites) {
        return GroupSums.byMethod(sites).stream().map(StreamGroups::row).toList();
    }

    /** The oldest rows counted per peer: the bridge sends at most so many rows, so younger streams may be missing. */
    static List<GroupRowView> byPeer(List<StreamRowView> oldest) {
        return GroupSums.sum(
                        oldest,
                        row -> row.stream().peer() == null
                                ? "(unknown peer)"
                                : row.stream().peer(),
                        row -> 1L,
                        row -> row.status() == StreamStatus.OVERDUE ? 1L : 0L,
                        StreamRowView::ageMillis)
                .stream()
                .map(StreamGroups::row)
                .toList();
    }

    private static GroupRowView row(GroupSum sum) {
        return new GroupRowView(sum.group(), "", sum.open(), sum.overdue(), sum.oldestMillis(), sum.share(), "", "");
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

    private static long open(StreamSite site) {
        return site.openStreams() == null ? 0 : site.openStreams();
    }

    private static long overdue(StreamSite site) {
        return site.overdueStreams() == null ? 0 : site.overdueStreams();
    }
}
