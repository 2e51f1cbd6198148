package dev.streamscope.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The open streams of one bridge, in open order: a doubly linked list whose head is the oldest stream.
 *
 * <p>Why this shape: streams open in time order, so appending at the tail keeps the list sorted by age for free, the
 * oldest N are the first N nodes (O(N) whatever the number open), and a stream that ends unlinks itself in O(1) because
 * it is its own node. A lock-free queue with lazy removal would keep every ended stream behind one long-lived stream
 * at its head (unbounded memory, exactly in the leak this tool is for), and removing from the middle of a
 * {@code ConcurrentLinkedDeque} is a linear search.
 *
 * <p>Writers (open, end) take one lock for a handful of field writes, never around application code. The counters
 * live under the same lock as plain fields: the lock is held anyway, so a {@code LongAdder} would only add cells.
 * Readers (the JMX operations) take no lock: they walk the volatile {@code newer} links from the volatile head and
 * skip ended nodes, so reading 100,000 rows never stalls an application call.
 */
final class OpenStreamRegistry implements GrpcStreamsMXBean {
    private static final VarHandle HEAD = StreamActivity.field(MethodHandles.lookup(), "head", TrackedStream.class);

    private final int capacity;
    private final MillisClock clock;
    private final CreationSites sites = new CreationSites(SiteSampling.fromSystemProperties());
    private final Object lock = new Object();

    private volatile TrackedStream head;
    private TrackedStream tail;
    private int openStreams;
    private long nextId = 1;
    private long startedTotal;
    private long endedTotal;
    private long droppedTotal;
    private long endedLifetimeMillisSum;

    /** A registry on the shared {@link TickingClock}, as the bridge uses it. */
    OpenStreamRegistry(int capacity) {
        this(capacity, tickingOrSystemClock());
    }

    /** The ticking clock, or the system clock if its thread cannot start: slower calls rather than a broken service. */
    private static MillisClock tickingOrSystemClock() {
        try {
            return TickingClock.shared();
        } catch (LinkageError | RuntimeException cannotStartThread) {
            return System::currentTimeMillis;
        }
    }

    OpenStreamRegistry(int capacity, MillisClock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Where this registry's streams were opened; the wrappers ask it for their site before they open. */
    CreationSites sites() {
        return sites;
    }

    /** The time the wrappers stamp activity with: the registry's clock, cheap to read on every message. */
    long now() {
        return clock.millis();
    }

    /** Tracks the stream unless capacity streams are open; false means it is counted as dropped instead. */
    boolean open(TrackedStream stream) {
        synchronized (lock) {
            if (openStreams >= capacity) {
                droppedTotal++;
                return false;
            }
            // The start time is taken under the lock so that list order and start order agree.
            stream.opened(nextId++, clock.millis());
            stream.linkOlder(tail);
            if (tail == null) {
                // release: a reader that sees the node sees its id and start time, written just above
                HEAD.setRelease(this, stream);
            } else {
                tail.linkNewer(stream);
            }
            tail = stream;
            openStreams++;
            startedTotal++;
            linkToSite(stream);
            return true;
        }
    }

    /** Forgets the stream; a no-op for a stream never tracked or already forgotten. */
    void end(TrackedStream stream) {
        long now = clock.millis();
        synchronized (lock) {
            if (stream.id() == 0 || stream.isEnded()) {
                return;
            }
            stream.markEnded();
            TrackedStream older = stream.older();
            TrackedStream newer = stream.newer();
            if (older == null) {
                HEAD.setRelease(this, newer);
            } else {
                older.linkNewer(newer);
            }
            if (newer == null) {
                tail = older;
            } else {
                newer.linkOlder(older);
            }
            // Keep stream.newer: a reader standing on this node walks on from it.
            stream.linkOlder(null);
            unlinkFromSite(stream);
            openStreams--;
            endedTotal++;
            endedLifetimeMillisSum += StreamActivity.ageMillis(stream.startEpochMillis(), now);
        }
    }

    /** Appends the stream to its site's list; under the lock. */
    private static void linkToSite(TrackedStream stream) {
        CreationSite site = stream.site();
        if (site == null) {
            return;
        }
        TrackedStream last = site.tail();
        stream.linkSiteOlder(last);
        if (last == null) {
            site.head(stream);
        } else {
            last.linkSiteNewer(stream);
        }
        site.tail(stream);
        site.openStreams(site.openStreams() + 1);
    }

    /** Takes the stream out of its site's list, keeping its own site links for readers on it; under the lock. */
    private static void unlinkFromSite(TrackedStream stream) {
        CreationSite site = stream.site();
        if (site == null) {
            return;
        }
        TrackedStream older = stream.siteOlder();
        TrackedStream newer = stream.siteNewer();
        if (older == null) {
            site.head(newer);
        } else {
            older.linkSiteNewer(newer);
        }
        if (newer == null) {
            site.tail(older);
        } else {
            newer.linkSiteOlder(older);
        }
        site.openStreams(site.openStreams() - 1);
    }

    @Override
    public int getOpenStreams() {
        synchronized (lock) {
            return openStreams;
        }
    }

    @Override
    public long getStartedTotal() {
        synchronized (lock) {
            return startedTotal;
        }
    }

    @Override
    public long getEndedTotal() {
        synchronized (lock) {
            return endedTotal;
        }
    }

    @Override
    public long getDroppedTotal() {
        synchronized (lock) {
            return droppedTotal;
        }
    }

    @Override
    public int getCapacity() {
        return capacity;
    }

    @Override
    public double getMeanLifetimeMillis() {
        synchronized (lock) {
            return endedTotal == 0 ? 0 : (double) endedLifetimeMillisSum / endedTotal;
        }
    }

    @Override
    public long getOldestAgeMillis() {
        long now = clock.millis();
        TrackedStream oldest = firstOpenFrom(head);
        return oldest == null ? 0 : StreamActivity.ageMillis(oldest.startEpochMillis(), now);
    }

    @Override
    public List<StreamRow> oldest(int limit) {
        return olderThan(0, limit);
    }

    @Override
    public StreamTable oldestTable(int limit) {
        long now = clock.millis();
        return StreamTable.of(now, rows(0, limit, now));
    }

    @Override
    public List<StreamRow> olderThan(long ageMillis, int limit) {
        return rows(ageMillis, limit, clock.millis());
    }

    private List<StreamRow> rows(long ageMillis, int limit, long now) {
        int bounded = Math.max(0, Math.min(limit, capacity));
        long startedAtOrBefore = now - Math.max(0, ageMillis);
        List<StreamRow> rows = new ArrayList<>(Math.min(bounded, 1024));
        for (TrackedStream stream = firstOpenFrom(head);
                stream != null && rows.size() < bounded && stream.startEpochMillis() <= startedAtOrBefore;
                stream = firstOpenFrom(stream.newer())) {
            rows.add(stream.row(now));
        }
        return rows;
    }

    @Override
    public long countOlderThan(long ageMillis) {
        long startedAtOrBefore = clock.millis() - Math.max(0, ageMillis);
        long count = 0;
        for (TrackedStream stream = firstOpenFrom(head);
                stream != null && stream.startEpochMillis() <= startedAtOrBefore;
                stream = firstOpenFrom(stream.newer())) {
            count++;
        }
        return count;
    }

    @Override
    public StreamSites sites(long defaultLifetimeMillis, String[] methods, long[] lifetimesMillis, int limit) {
        return SiteTally.read(sites, clock.millis(), defaultLifetimeMillis, methods, lifetimesMillis, limit);
    }

    private static TrackedStream firstOpenFrom(TrackedStream stream) {
        TrackedStream current = stream;
        while (current != null && current.isEnded()) {
            current = current.newer();
        }
        return current;
    }
}
