package dev.streamscope.app.lifetime;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A bridge's open streams grouped by creation site and method, at most the limit the reader asked for, the rest summed
 * as other. With several trackers in the JVM the groups of all are merged, sorted again and cut to the limit.
 *
 * @param groups lines of code (client sites) first, by estimated overdue, then estimated open streams; then the
 *     server-side groups (remote peers) in the same order; {@code NOT_SAMPLED} groups last
 * @param otherGroups groups left out by the limit
 * @param alwaysFirst the bridge records the first this many streams of each method (null when it did not say)
 * @param sampleEvery then one in this many (0: none; null when it did not say)
 */
public record StreamSites(
        List<StreamSite> groups,
        int otherGroups,
        long otherOpenStreams,
        long otherOverdueStreams,
        Integer alwaysFirst,
        Integer sampleEvery) {

    /** The bridge's order, so that merged groups read like one bridge's. */
    public static final Comparator<StreamSite> ORDER = Comparator.comparing(StreamSite::notSampled)
            .thenComparing(site -> !site.lineOfCode())
            .thenComparing(StreamSite::estimatedOverdue, Comparator.reverseOrder())
            .thenComparing(StreamSite::estimatedOpen, Comparator.reverseOrder());

    public StreamSites {
        groups = List.copyOf(groups);
    }

    /** The groups of several trackers as one answer, cut to {@code limit}: what falls off is summed as other. */
    public static StreamSites merge(List<StreamSites> reads, int limit) {
        if (reads.size() == 1) {
            return reads.get(0);
        }
        List<StreamSite> all = reads.stream()
                .flatMap(read -> read.groups().stream())
                .sorted(ORDER)
                .toList();
        List<StreamSite> kept = all.subList(0, Math.min(all.size(), Math.max(0, limit)));
        List<StreamSite> cut = all.subList(kept.size(), all.size());
        return new StreamSites(
                kept,
                reads.stream().mapToInt(StreamSites::otherGroups).sum() + cut.size(),
                reads.stream().mapToLong(StreamSites::otherOpenStreams).sum()
                        + cut.stream().mapToLong(StreamSites::open).sum(),
                reads.stream().mapToLong(StreamSites::otherOverdueStreams).sum()
                        + cut.stream().mapToLong(StreamSites::overdue).sum(),
                reads.get(0).alwaysFirst(),
                reads.get(0).sampleEvery());
    }

    /** The first group that names a line of code: where to look first. */
    public Optional<StreamSite> firstClientSite() {
        return groups.stream()
                .filter(site -> StreamSite.CLIENT_CALL.equals(site.kind()))
                .findFirst();
    }

    private static long overdue(StreamSite site) {
        return site.overdueStreams() == null ? 0 : site.overdueStreams();
    }

    private static long open(StreamSite site) {
        return site.openStreams() == null ? 0 : site.openStreams();
    }
}
