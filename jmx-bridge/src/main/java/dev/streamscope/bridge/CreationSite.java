package dev.streamscope.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where streams of one method were opened, interned by {@link CreationSites}: a tracked stream holds a reference to
 * one of these and nothing more. Immutable but for the method's sampling state it shares and its open streams.
 */
final class CreationSite {
    static final String[] NO_FRAMES = new String[0];

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final VarHandle HEAD = StreamActivity.field(LOOKUP, "head", TrackedStream.class);
    private static final VarHandle TAIL = StreamActivity.field(LOOKUP, "tail", TrackedStream.class);
    private static final VarHandle OPEN_STREAMS = StreamActivity.field(LOOKUP, "openStreams", int.class);
    private static final VarHandle OPEN_WEIGHT = StreamActivity.field(LOOKUP, "openWeight", long.class);

    /** Dense, from 0, so that a read can count per site in arrays. */
    final int id;

    final SiteKind kind;
    final StreamSide side;
    /** The full method name, {@code package.Service/Method}. */
    final String method;
    /** {@code Class.method(File.java:88)} for a client call, {@code remote client 10.0.0.5} for a server method. */
    final String site;
    /** From the application frame towards its callers, at most {@link SiteSampling#KEPT_FRAMES}. */
    final String[] frames;

    final CreationSites.MethodSites owner;

    /*
     * This site's open streams, oldest first: written under the registry's lock, read without it. Why a list per site:
     * a read then counts a site's overdue streams from whichever end reaches the lifetime boundary first, so the
     * thousands of leaked streams of one site are not walked one by one, nor the churn of healthy sites.
     */
    private volatile TrackedStream head;
    private volatile TrackedStream tail;
    private volatile int openStreams;
    /** The weights of the open streams summed: the estimated open streams of the method opened here. */
    private volatile long openWeight;

    /*
     * The overdue count the last read left behind, kept up to date on end, all under the registry's lock: the streams
     * up to the boundary (the newest open stream the read counted) are counted in countedStreams. The next read moves
     * the boundary by the streams that crossed the lifetime since, not by every stream of the site. It only ever names
     * an open stream (an ending boundary hands over to its older neighbour), so it keeps no ended stream in memory.
     */
    private TrackedStream boundary;
    private long boundaryId;
    private long countedStreams;
    /** The weights of the streams counted in {@code countedStreams}. */
    private long countedWeight;

    CreationSite(
            int id,
            SiteKind kind,
            StreamSide side,
            String method,
            String site,
            String[] frames,
            CreationSites.MethodSites owner) {
        this.id = id;
        this.kind = kind;
        this.side = side;
        this.method = method;
        this.site = site;
        this.frames = frames;
        this.owner = owner;
    }

    TrackedStream head() {
        return head;
    }

    TrackedStream tail() {
        return tail;
    }

    int openStreams() {
        return openStreams;
    }

    long openWeight() {
        return openWeight;
    }

    /** Under the registry lock: the weights of the streams the last {@link #countStartedAtOrBefore} counted. */
    long countedWeight() {
        return countedWeight;
    }

    /** Under the registry lock, as for every write below: release stores, no fence (see {@link TrackedServerCall}). */
    void head(TrackedStream stream) {
        HEAD.setRelease(this, stream);
    }

    void tail(TrackedStream stream) {
        TAIL.setRelease(this, stream);
    }

    void openStreams(int count, long weightAdded) {
        OPEN_STREAMS.setRelease(this, count);
        OPEN_WEIGHT.setRelease(this, openWeight + weightAdded);
    }

    /** Under the registry lock, before the stream leaves this site's list: keeps the count at the boundary true. */
    void forget(TrackedStream stream) {
        if (stream.id() <= boundaryId) {
            countedStreams--;
            countedWeight -= stream.weight();
            if (stream == boundary) {
                boundary = stream.siteOlder();
            }
        }
    }

    /**
     * Under the registry lock: this site's open streams started at or before {@code startedAtOrBefore}, or -1 when
     * that takes more than {@code steps} more streams (call again: the progress is kept, and the lock can be let go
     * between calls). Moves the last read's boundary and, in step, walks in from the list's far end (the newest stream
     * when the boundary moves forwards, the oldest when it moves back), stopping at whichever meets the new boundary
     * first: a read costs the streams that crossed since the last read, or fewer, never the site's whole list.
     */
    long countStartedAtOrBefore(long startedAtOrBefore, int steps) {
        if (boundary != null && boundary.startEpochMillis() > startedAtOrBefore) {
            return moveBack(startedAtOrBefore, steps);
        }
        TrackedStream forward = boundary == null ? head : boundary.siteNewer();
        TrackedStream fromNewest = tail;
        long younger = 0;
        long youngerWeight = 0;
        for (int left = steps; ; left--) {
            if (forward == null || forward.startEpochMillis() > startedAtOrBefore) {
                return countedStreams;
            }
            if (fromNewest != null && fromNewest.startEpochMillis() <= startedAtOrBefore) {
                return countUpTo(fromNewest, openStreams - younger, openWeight - youngerWeight);
            }
            if (left == 0) {
                return -1;
            }
            countUpTo(forward, countedStreams + 1, countedWeight + forward.weight());
            forward = forward.siteNewer();
            younger++;
            // never null here while start times follow list order; a wall clock that stepped back may break that
            if (fromNewest != null) {
                youngerWeight += fromNewest.weight();
                fromNewest = fromNewest.siteOlder();
            }
        }
    }

    /** A longer lifetime than the last read's (or a clock that stepped back): the boundary moves towards the oldest. */
    private long moveBack(long startedAtOrBefore, int steps) {
        TrackedStream fromOldest = head;
        TrackedStream lastOld = null;
        long older = 0;
        long olderWeight = 0;
        for (int left = steps; ; left--) {
            if (boundary == null || boundary.startEpochMillis() <= startedAtOrBefore) {
                return countedStreams;
            }
            if (fromOldest == null || fromOldest.startEpochMillis() > startedAtOrBefore) {
                return countUpTo(lastOld, older, olderWeight);
            }
            if (left == 0) {
                return -1;
            }
            countUpTo(boundary.siteOlder(), countedStreams - 1, countedWeight - boundary.weight());
            lastOld = fromOldest;
            older++;
            olderWeight += fromOldest.weight();
            fromOldest = fromOldest.siteNewer();
        }
    }

    /**
     * The boundary is now {@code stream} (null: before the oldest), with {@code counted} streams up to it weighing
     * {@code weight}.
     */
    private long countUpTo(TrackedStream stream, long counted, long weight) {
        boundary = stream;
        boundaryId = stream == null ? 0 : stream.id();
        countedStreams = counted;
        countedWeight = weight;
        return counted;
    }

    /** Whether this method's streams were sampled, so a site's counts hold only the streams recorded there. */
    boolean sampled() {
        return owner.skippedAny();
    }
}
