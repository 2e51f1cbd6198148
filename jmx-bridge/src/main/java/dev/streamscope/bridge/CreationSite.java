package dev.streamscope.bridge;

/**
 * Where streams of one method were opened, interned by {@link CreationSites}: a tracked stream holds a reference to
 * one of these and nothing more. Immutable but for the method's sampling state it shares.
 */
final class CreationSite {
    static final String[] NO_FRAMES = new String[0];

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

    /** Whether this method's streams were sampled, so a site's counts hold only the streams recorded there. */
    boolean sampled() {
        return owner.skippedAny();
    }
}
