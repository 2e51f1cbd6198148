package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of the open streams per creation site, from each site's own open-order list: its open count is kept on
 * open and end, its oldest stream is the head, and its overdue streams are counted from both ends at once, stopping
 * where either meets the lifetime boundary. A read therefore costs the number of sites plus, per site, the smaller of
 * its overdue and its younger streams: a leak's thousands of old streams are not walked one by one, nor a healthy
 * site's churn. Weakly consistent, like the rows: a stream opening or ending during the read may or may not count.
 */
final class SiteTally {
    /** The most rows one read returns; the rest are summed as other. */
    static final int MAX_ROWS = 1000;

    private static final Comparator<SiteRow> ORDER = Comparator.comparing(
                    (SiteRow row) -> row.getKind() == SiteKind.NOT_SAMPLED)
            .thenComparing(SiteRow::getOverdueStreams, Comparator.reverseOrder())
            // a client site names a line of code, the server's row for the same streams only the method
            .thenComparing(row -> row.getKind() != SiteKind.CLIENT_CALL)
            .thenComparing(SiteRow::getOpenStreams, Comparator.reverseOrder())
            .thenComparing(SiteRow::getOldestAgeMillis, Comparator.reverseOrder());

    private SiteTally() {}

    static StreamSites read(
            CreationSites sites,
            long now,
            long defaultLifetimeMillis,
            String[] methods,
            long[] lifetimesMillis,
            int limit) {
        Map<String, Long> lifetimes = lifetimes(defaultLifetimeMillis, methods, lifetimesMillis);
        SiteSampling sampling = sites.sampling();
        List<SiteRow> rows = new ArrayList<>();
        for (int id = 0, count = sites.count(); id < count; id++) {
            CreationSite site = sites.site(id);
            if (site == null || site.openStreams() <= 0) {
                continue;
            }
            TrackedStream oldest = openForward(site.head());
            if (oldest == null) {
                continue;
            }
            long lifetime = lifetimes.getOrDefault(site.method, defaultLifetimeMillis);
            long open = Math.max(1, site.openStreams());
            rows.add(new SiteRow(
                    site.kind,
                    site.side,
                    site.site,
                    site.method,
                    lifetime,
                    open,
                    overdue(site, now - lifetime, open),
                    StreamActivity.ageMillis(oldest.startEpochMillis(), now),
                    site.sampled(),
                    site.frames));
        }
        rows.sort(ORDER);
        int shown = Math.min(rows.size(), Math.max(0, Math.min(limit, MAX_ROWS)));
        long otherOpen = 0;
        long otherOverdue = 0;
        for (SiteRow row : rows.subList(shown, rows.size())) {
            otherOpen += row.getOpenStreams();
            otherOverdue += row.getOverdueStreams();
        }
        return new StreamSites(
                now,
                sampling.alwaysFirst(),
                sampling.sampleEvery(),
                rows.subList(0, shown),
                rows.size() - shown,
                otherOpen,
                otherOverdue);
    }

    private static Map<String, Long> lifetimes(long defaultLifetimeMillis, String[] methods, long[] lifetimesMillis) {
        if (defaultLifetimeMillis < 0) {
            throw new IllegalArgumentException("defaultLifetimeMillis must not be negative: " + defaultLifetimeMillis);
        }
        int overrides = methods == null ? 0 : methods.length;
        if (overrides != (lifetimesMillis == null ? 0 : lifetimesMillis.length)) {
            throw new IllegalArgumentException("methods and lifetimesMillis must be as long as each other");
        }
        Map<String, Long> byMethod = new HashMap<>();
        for (int i = 0; i < overrides; i++) {
            byMethod.put(methods[i], Math.max(0, lifetimesMillis[i]));
        }
        return byMethod;
    }

    /**
     * Streams started at or before {@code boundary}: counted from the oldest forwards and, in step, the younger ones
     * from the newest backwards, until one side meets the boundary.
     */
    static long overdue(CreationSite site, long boundary, long open) {
        TrackedStream fromOldest = site.head();
        TrackedStream fromNewest = site.tail();
        long older = 0;
        long younger = 0;
        while (true) {
            fromOldest = openForward(fromOldest);
            if (fromOldest == null || fromOldest.startEpochMillis() > boundary) {
                return Math.min(older, open);
            }
            older++;
            fromOldest = fromOldest.siteNewer();
            fromNewest = openBackward(fromNewest);
            if (fromNewest == null || fromNewest.startEpochMillis() <= boundary) {
                return Math.max(older, open - younger);
            }
            younger++;
            fromNewest = fromNewest.siteOlder();
        }
    }

    private static TrackedStream openForward(TrackedStream stream) {
        TrackedStream current = stream;
        while (current != null && current.isEnded()) {
            current = current.siteNewer();
        }
        return current;
    }

    private static TrackedStream openBackward(TrackedStream stream) {
        TrackedStream current = stream;
        while (current != null && current.isEnded()) {
            current = current.siteOlder();
        }
        return current;
    }
}
