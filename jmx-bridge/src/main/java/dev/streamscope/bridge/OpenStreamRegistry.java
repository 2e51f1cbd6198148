package dev.streamscope.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 * skip ended nodes, so reading 100,000 rows never stalls an application call. The one exception, {@code sites}, takes
 * the lock per site for a few hundred streams at most, because it moves each site's overdue count along.
 */
final class OpenStreamRegistry implements GrpcStreamsMXBean {
    private static final VarHandle HEAD = StreamActivity.field(MethodHandles.lookup(), "head", TrackedStream.class);

    private final int capacity;
    private final MillisClock clock;
    private final CreationSites sites;
    private final Object lock = new Object();

    private volatile TrackedStream head;
    private TrackedStream tail;
    private int openStreams;
    private long nextId = 1;
    private long startedTotal;
    private long endedTotal;
    private long droppedTotal;
    private long endedLifetimeMillisSum;
    private boolean clockHeld;
    private boolean closed;

    /** Read only by JMX readers, never on a call's path. */
    private volatile StreamLifetimes lifetimes;

    /** Told of every tracked stream's open and end (the Micrometer binder); null, the usual case, costs one read. */
    private volatile StreamListener listener;

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
        this.sites = new CreationSites(SiteSampling.fromSystemProperties(), clock);
    }

    /** Where this registry's streams were opened; the wrappers ask it for their site before they open. */
    CreationSites sites() {
        return sites;
    }

    /** The time the wrappers stamp activity with: the registry's clock, cheap to read on every message. */
    long now() {
        return clock.millis();
    }

    /**
     * Tracks the stream unless capacity streams are open (then it is counted as dropped) or the registry is closed;
     * false means the call runs untracked.
     */
    boolean open(TrackedStream stream) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (openStreams >= capacity) {
                droppedTotal++;
                return false;
            }
            if (!clockHeld) {
                // The clock's thread starts with the first tracked stream, not when the bridge is created.
                clock.hold();
                clockHeld = true;
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
        }
        StreamListener listening = listener;
        if (listening != null) {
            try {
                listening.opened(stream.fullMethodName(), stream.side());
            } catch (RuntimeException failed) {
                // A meter registry's failure must not fail the application's call.
            }
        }
        return true;
    }

    /**
     * Stops tracking and the clock's thread (once no other registry holds it): later calls run untracked. Streams
     * open now are still forgotten when they end.
     */
    void close() {
        synchronized (lock) {
            closed = true;
            if (clockHeld) {
                clock.release();
                clockHeld = false;
            }
        }
    }

    /** The lifetimes {@code OverdueStreams} counts by; null for none. */
    void useLifetimes(StreamLifetimes lifetimes) {
        this.lifetimes = lifetimes;
    }

    StreamLifetimes lifetimes() {
        return lifetimes;
    }

    /** Installs the one listener of opens and ends; false if there is one already. */
    boolean listen(StreamListener listener) {
        synchronized (lock) {
            if (this.listener != null) {
                return false;
            }
            this.listener = listener;
            return true;
        }
    }

    /** Removes the listener if it is this one. */
    void stopListening(StreamListener listener) {
        synchronized (lock) {
            if (this.listener == listener) {
                this.listener = null;
            }
        }
    }

    /** Visits the open streams oldest first, without the lock (a weakly consistent view, as the row operations). */
    void forEachOpen(Consumer<TrackedStream> visitor) {
        for (TrackedStream stream = firstOpenFrom(head); stream != null; stream = firstOpenFrom(stream.newer())) {
            visitor.accept(stream);
        }
    }

    /** Forgets the stream; a no-op for a stream never tracked or already forgotten. */
    void end(TrackedStream stream) {
        long now = clock.millis();
        long lifetimeMillis;
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
            lifetimeMillis = StreamActivity.ageMillis(stream.startEpochMillis(), now);
            endedLifetimeMillisSum += lifetimeMillis;
        }
        StreamListener listening = listener;
        if (listening != null) {
            try {
                listening.ended(stream.fullMethodName(), stream.side(), lifetimeMillis);
            } catch (RuntimeException failed) {
                // A meter registry's failure must not fail the application's call.
            }
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
        site.openStreams(site.openStreams() + 1, stream.weight());
    }

    /** Takes the stream out of its site's list, keeping its own site links for readers on it; under the lock. */
    private static void unlinkFromSite(TrackedStream stream) {
        CreationSite site = stream.site();
        if (site == null) {
            return;
        }
        site.forget(stream);
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
        site.openStreams(site.openStreams() - 1, -stream.weight());
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
    public long getEndedLifetimeMillisSum() {
        synchronized (lock) {
            return endedLifetimeMillisSum;
        }
    }

    @Override
    public long getEndedLifetimeCount() {
        return getEndedTotal();
    }

    @Override
    public String getLifetimes() {
        StreamLifetimes current = lifetimes;
        return current == null ? "" : current.toText();
    }

    @Override
    public long getOverdueStreams() {
        StreamLifetimes current = lifetimes;
        return current == null ? -1 : countOverdue(current, clock.millis());
    }

    /**
     * Open streams at least as old as their method's lifetime. Walks only the streams older than the shortest
     * lifetime (the list is in age order), so a service with few overdue streams pays little however many are open.
     */
    private long countOverdue(StreamLifetimes current, long now) {
        long count = 0;
        long youngestCandidateStart = now - current.shortestMillis();
        for (TrackedStream stream = firstOpenFrom(head);
                stream != null && stream.startEpochMillis() <= youngestCandidateStart;
                stream = firstOpenFrom(stream.newer())) {
            if (now - stream.startEpochMillis() >= current.lifetimeMillisOf(stream.fullMethodName())) {
                count++;
            }
        }
        return count;
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
        return SiteTally.read(sites, lock, clock.millis(), defaultLifetimeMillis, methods, lifetimesMillis, limit);
    }

    private static TrackedStream firstOpenFrom(TrackedStream stream) {
        TrackedStream current = stream;
        while (current != null && current.isEnded()) {
            current = current.newer();
        }
        return current;
    }
}
