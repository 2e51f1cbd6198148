package dev.streamscope.bridge;

/**
 * How {@code sites} counted overdue streams before it kept its count from one read to the next: every read walked each
 * site's list from both ends, without the lock, until one end met the lifetime boundary. Kept as the benchmark's
 * baseline in the same run.
 */
final class SiteWalk {
    private SiteWalk() {}

    /** The overdue streams of every site, summed: what one read of the old way walked. */
    static long overdueOfEverySite(CreationSites sites, long now, long lifetimeMillis) {
        long overdue = 0;
        for (int id = 0, count = sites.count(); id < count; id++) {
            CreationSite site = sites.site(id);
            if (site != null && site.openStreams() > 0) {
                overdue += overdue(site, now - lifetimeMillis, site.openStreams());
            }
        }
        return overdue;
    }

    private static long overdue(CreationSite site, long boundary, long open) {
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
