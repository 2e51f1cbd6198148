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

    /** Under the registry lock, as for every write below: release stores, no fence (see {@link TrackedServerCall}). */
    void head(TrackedStream stream) {
        HEAD.setRelease(this, stream);
    }

    void tail(TrackedStream stream) {
        TAIL.setRelease(this, stream);
    }

    void openStreams(int count) {
        OPEN_STREAMS.setRelease(this, count);
    }

    /** Whether this method's streams were sampled, so a site's counts hold only the streams recorded there. */
    boolean sampled() {
        return owner.skippedAny();
    }
}
