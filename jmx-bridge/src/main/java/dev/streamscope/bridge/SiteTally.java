package dev.streamscope.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts one read's open streams per creation site in arrays indexed by site id: the registry walks its open-order
 * list once and hands every open stream here, so the first stream seen of a site is its oldest.
 *
 * <p>Why one walk rather than counters kept on open and close: the overdue count depends on the lifetimes the reader
 * passes, so it needs the ages anyway, and a walk of 100,000 nodes costs well under a millisecond (measured, see
 * jmx-bridge/README.md) while counters would add work to every call.
 */
final class SiteTally {
    /** The most rows one read returns; the rest are summed as other. */
    static final int MAX_ROWS = 1000;

    private final CreationSites sites;
    private final long now;
    private final int count;
    private final long[] lifetimeMillis;
    private final long[] overdueAtOrBefore;
    private final long[] open;
    private final long[] overdue;
    private final long[] oldestStart;

    SiteTally(CreationSites sites, long now, long defaultLifetimeMillis, String[] methods, long[] lifetimesMillis) {
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
        this.sites = sites;
        this.now = now;
        // Sites created during the walk belong to streams newer than the read: they are left out.
        this.count = sites.count();
        this.lifetimeMillis = new long[count];
        this.overdueAtOrBefore = new long[count];
        for (int id = 0; id < count; id++) {
            CreationSite site = sites.site(id);
            long lifetime =
                    site == null ? defaultLifetimeMillis : byMethod.getOrDefault(site.method, defaultLifetimeMillis);
            lifetimeMillis[id] = lifetime;
            overdueAtOrBefore[id] = now - lifetime;
        }
        this.open = new long[count];
        this.overdue = new long[count];
        this.oldestStart = new long[count];
        Arrays.fill(oldestStart, Long.MAX_VALUE);
    }

    /** One open stream, in open order. */
    void add(CreationSite site, long startEpochMillis) {
        if (site == null || site.id >= count) {
            return;
        }
        int id = site.id;
        if (open[id]++ == 0) {
            oldestStart[id] = startEpochMillis;
        }
        if (startEpochMillis <= overdueAtOrBefore[id]) {
            overdue[id]++;
        }
    }

    StreamSites result(int limit, SiteSampling sampling) {
        List<CreationSite> seen = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            if (open[id] > 0 && sites.site(id) != null) {
                seen.add(sites.site(id));
            }
        }
        seen.sort(Comparator.comparing((CreationSite site) -> site.kind == SiteKind.NOT_SAMPLED)
                .thenComparing(site -> overdue[site.id], Comparator.reverseOrder())
                // a client site names a line of code, the server's row for the same streams only the method
                .thenComparing(site -> site.kind != SiteKind.CLIENT_CALL)
                .thenComparing(site -> open[site.id], Comparator.reverseOrder())
                .thenComparing(site -> oldestStart[site.id]));
        int shown = Math.min(seen.size(), Math.max(0, Math.min(limit, MAX_ROWS)));
        List<SiteRow> rows = new ArrayList<>(shown);
        for (CreationSite site : seen.subList(0, shown)) {
            rows.add(new SiteRow(
                    site.kind,
                    site.side,
                    site.site,
                    site.method,
                    lifetimeMillis[site.id],
                    open[site.id],
                    overdue[site.id],
                    StreamActivity.ageMillis(oldestStart[site.id], now),
                    site.sampled(),
                    site.frames));
        }
        long otherOpen = 0;
        long otherOverdue = 0;
        for (CreationSite site : seen.subList(shown, seen.size())) {
            otherOpen += open[site.id];
            otherOverdue += overdue[site.id];
        }
        return new StreamSites(
                now,
                sampling.alwaysFirst(),
                sampling.sampleEvery(),
                rows,
                seen.size() - shown,
                otherOpen,
                otherOverdue);
    }
}
