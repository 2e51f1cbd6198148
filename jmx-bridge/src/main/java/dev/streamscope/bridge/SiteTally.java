package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of the open streams per creation site. Each site keeps its open count and its oldest stream (its list's
 * head) on open and end, and the overdue count the last read left behind, which ends keep true; a read moves that count
 * by the streams that crossed the lifetime since. A read therefore costs the number of sites plus the streams that
 * crossed, not the number open: a leak's thousands of old streams are not walked again at every poll, nor a healthy
 * site's churn. Counts are exact at the moment each site is read (under the registry's lock, a few hundred streams at
 * a time, so an application call waits for at most that); sites are read one after the other.
 */
final class SiteTally {
    /** The most rows one read returns; the rest are summed as other. */
    static final int MAX_ROWS = 1000;

    /** The most streams a read walks while holding the registry's lock: how long an application call may wait. */
    static final int STEPS_PER_LOCK = 256;

    /*
     * Lines of code first: a client site names the line that opened the streams, a server-side group only the remote
     * client (whose own bridge, if any, names its line), so every client site ranks before every server-side group,
     * whatever their counts; the NOT_SAMPLED remainders last. Within a kind, by estimated overdue, then estimated
     * open streams (the growth a reader sees between two reads).
     */
    private static final Comparator<SiteRow> ORDER = Comparator.comparing(SiteTally::rank)
            .thenComparing(SiteRow::getOverdueEstimate, Comparator.reverseOrder())
            .thenComparing(SiteRow::getOpenEstimate, Comparator.reverseOrder())
            .thenComparing(SiteRow::getOldestAgeMillis, Comparator.reverseOrder());

    private SiteTally() {}

    static StreamSites read(
            CreationSites sites,
            Object registryLock,
            long now,
            long defaultLifetimeMillis,
            String[] methods,
            long[] lifetimesMillis,
            int limit) {
        Map<String, Long> lifetimes = lifetimes(defaultLifetimeMillis, methods, lifetimesMillis);
        SiteSampling sampling = sites.sampling();
        List<SiteRow> rows = new ArrayList<>();
        // what the sites' estimates place beyond their sampled streams, per method and side: {open, overdue}
        Map<CreationSites.MethodSites, long[]> placed = new HashMap<>();
        List<CreationSite> remainders = new ArrayList<>();
        List<SiteRow> remainderRows = new ArrayList<>();
        for (int id = 0, count = sites.count(); id < count; id++) {
            CreationSite site = sites.site(id);
            if (site == null || site.openStreams() <= 0) {
                continue;
            }
            SiteRow row = row(site, registryLock, now, lifetimes.getOrDefault(site.method, defaultLifetimeMillis));
            if (row == null) {
                continue;
            }
            if (site.kind == SiteKind.NOT_SAMPLED) {
                remainders.add(site);
                remainderRows.add(row);
            } else {
                rows.add(row);
                long[] extra = placed.computeIfAbsent(site.owner, owner -> new long[2]);
                extra[0] += row.getOpenEstimate() - row.getOpenStreams();
                extra[1] += row.getOverdueEstimate() - row.getOverdueStreams();
            }
        }
        for (int i = 0; i < remainders.size(); i++) {
            rows.add(remainder(remainderRows.get(i), placed.get(remainders.get(i).owner)));
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
                otherOverdue,
                sampling.perMethodRate(),
                sampling.processRate());
    }

    private static int rank(SiteRow row) {
        switch (row.getKind()) {
            case CLIENT_CALL:
                return 0;
            case SERVER_METHOD:
                return 1;
            default:
                return 2;
        }
    }

    /**
     * A method's unsampled streams less what its sites' estimates place: the estimates cannot name a line for the
     * rest (streams opened since the method's last sample, or an estimate that fell short). Never below zero.
     */
    private static SiteRow remainder(SiteRow unsampled, long[] placed) {
        long open = unsampled.getOpenStreams();
        long overdue = unsampled.getOverdueStreams();
        long openLeft = placed == null ? open : Math.max(0, open - placed[0]);
        long overdueLeft = placed == null ? overdue : Math.max(0, Math.min(openLeft, overdue - placed[1]));
        return new SiteRow(
                unsampled.getKind(),
                unsampled.getSide(),
                unsampled.getSite(),
                unsampled.getMethod(),
                unsampled.getLifetimeMillis(),
                open,
                overdue,
                unsampled.getOldestAgeMillis(),
                unsampled.isSampled(),
                unsampled.getFrames(),
                openLeft,
                overdueLeft);
    }

    /** The site's row, or null when its last stream ended meanwhile; lets go of the lock between steps. */
    private static SiteRow row(CreationSite site, Object registryLock, long now, long lifetime) {
        while (true) {
            synchronized (registryLock) {
                TrackedStream oldest = site.head();
                if (oldest == null) {
                    return null;
                }
                long overdue = site.countStartedAtOrBefore(now - lifetime, STEPS_PER_LOCK);
                if (overdue >= 0) {
                    boolean weighed = site.kind != SiteKind.NOT_SAMPLED;
                    return new SiteRow(
                            site.kind,
                            site.side,
                            site.site,
                            site.method,
                            lifetime,
                            site.openStreams(),
                            overdue,
                            StreamActivity.ageMillis(oldest.startEpochMillis(), now),
                            site.sampled(),
                            site.frames,
                            weighed ? site.openWeight() : site.openStreams(),
                            weighed ? site.countedWeight() : overdue);
                }
            }
        }
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
}
