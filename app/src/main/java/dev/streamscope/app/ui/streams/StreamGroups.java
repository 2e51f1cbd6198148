package dev.streamscope.app.ui.streams;

import dev.streamscope.app.lifetime.StreamSite;
import dev.streamscope.app.lifetime.StreamSites;
import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.recording.GroupSums;
import dev.streamscope.app.recording.GroupSums.GroupSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Streams tab's grouped rows: by site and method from the bridge's sites, by peer from the oldest rows. */
final class StreamGroups {

    private StreamGroups() {}

    /**
     * One row per site: lines of code first, then remote peers, each by estimated overdue, unsampled streams last
     * ({@link StreamSites#ORDER}); then what the limit cut. Counts are the estimates, or the sampled counts from a
     * bridge before estimates.
     */
    static List<GroupRowView> bySite(StreamSites sites) {
        long total = sites.otherOpenStreams()
                + sites.groups().stream().mapToLong(StreamSite::estimatedOpen).sum();
        List<GroupRowView> rows = new ArrayList<>();
        for (StreamSite site : sites.groups().stream().sorted(StreamSites.ORDER).toList()) {
            rows.add(new GroupRowView(
                    siteText(site),
                    site.method() == null ? "" : site.method(),
                    site.estimatedOpen(),
                    site.estimatedOverdue(),
                    site.oldestAgeMillis(),
                    GroupSums.share(site.estimatedOpen(), total),
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

    /**
     * "≈ 1,250 overdue, from 311 sampled" (or open, when none is overdue) for a sampled site whose bridge estimates;
     * "sampled" from an older bridge, "exact" when every stream of the method was recorded.
     */
    static String sampledText(StreamSite site) {
        if (site.notSampled()) {
            return site.openEstimate() == null ? "not sampled" : "not sampled: the estimates above cannot place these";
        }
        if (!Boolean.TRUE.equals(site.sampled())) {
            return "exact";
        }
        if (site.openEstimate() == null) {
            return "sampled";
        }
        boolean overdue = site.estimatedOverdue() > 0;
        long estimate = overdue ? site.estimatedOverdue() : site.estimatedOpen();
        Long sampled = overdue ? site.overdueStreams() : site.openStreams();
        return String.format(
                Locale.ROOT,
                "≈ %,d %s, from %,d sampled",
                estimate,
                overdue ? "overdue" : "open",
                sampled == null ? 0 : sampled);
    }
}
