package dev.streamscope.bridge;

import javax.management.ConstructorParameters;

/**
 * The open streams of one creation site and method, as {@link GrpcStreamsMXBean#sites} publishes them: a snapshot
 * taken when read. Maps to a {@code CompositeData} with the property names below (enums as their names, frames as
 * {@code String[]}). A plain class rather than a record, because Java 17's MXBean mapping does not know records.
 */
public final class SiteRow {
    private final SiteKind kind;
    private final StreamSide side;
    private final String site;
    private final String method;
    private final long lifetimeMillis;
    private final long openStreams;
    private final long overdueStreams;
    private final long oldestAgeMillis;
    private final boolean sampled;
    private final String[] frames;
    private final long openEstimate;
    private final long overdueEstimate;

    /**
     * A row with exact counts: the estimates are the counts.
     *
     * @deprecated use the constructor with the estimates, which sampled rows need. Kept annotated, so that a Java
     *     client with this class rebuilds the rows of a bridge older than the estimates.
     */
    @Deprecated
    @ConstructorParameters({
        "kind",
        "side",
        "site",
        "method",
        "lifetimeMillis",
        "openStreams",
        "overdueStreams",
        "oldestAgeMillis",
        "sampled",
        "frames"
    })
    public SiteRow(
            SiteKind kind,
            StreamSide side,
            String site,
            String method,
            long lifetimeMillis,
            long openStreams,
            long overdueStreams,
            long oldestAgeMillis,
            boolean sampled,
            String[] frames) {
        this(
                kind,
                side,
                site,
                method,
                lifetimeMillis,
                openStreams,
                overdueStreams,
                oldestAgeMillis,
                sampled,
                frames,
                openStreams,
                overdueStreams);
    }

    @ConstructorParameters({
        "kind",
        "side",
        "site",
        "method",
        "lifetimeMillis",
        "openStreams",
        "overdueStreams",
        "oldestAgeMillis",
        "sampled",
        "frames",
        "openEstimate",
        "overdueEstimate"
    })
    public SiteRow(
            SiteKind kind,
            StreamSide side,
            String site,
            String method,
            long lifetimeMillis,
            long openStreams,
            long overdueStreams,
            long oldestAgeMillis,
            boolean sampled,
            String[] frames,
            long openEstimate,
            long overdueEstimate) {
        this.kind = kind;
        this.side = side;
        this.site = site;
        this.method = method;
        this.lifetimeMillis = lifetimeMillis;
        this.openStreams = openStreams;
        this.overdueStreams = overdueStreams;
        this.oldestAgeMillis = oldestAgeMillis;
        this.sampled = sampled;
        this.frames = frames == null ? CreationSite.NO_FRAMES : frames.clone();
        this.openEstimate = openEstimate;
        this.overdueEstimate = overdueEstimate;
    }

    public SiteKind getKind() {
        return kind;
    }

    public StreamSide getSide() {
        return side;
    }

    /**
     * {@code com.acme.WatchClient.subscribe(WatchClient.java:88)} for {@link SiteKind#CLIENT_CALL},
     * {@code remote client 10.0.0.5} for {@link SiteKind#SERVER_METHOD}, null for {@link SiteKind#NOT_SAMPLED}.
     */
    public String getSite() {
        return site;
    }

    /** The full method name, {@code package.Service/Method}. */
    public String getMethod() {
        return method;
    }

    /** The lifetime the overdue count used for this method. */
    public long getLifetimeMillis() {
        return lifetimeMillis;
    }

    /** The sampled streams open at this site, as before the estimates (for older readers): {@link #getSampledOpen}. */
    public long getOpenStreams() {
        return openStreams;
    }

    /** Sampled open streams at least {@link #getLifetimeMillis()} old; see {@link #getSampledOverdue}. */
    public long getOverdueStreams() {
        return overdueStreams;
    }

    /** The open streams whose site was recorded here: the same as {@link #getOpenStreams()}. */
    public long getSampledOpen() {
        return openStreams;
    }

    /** The overdue streams whose site was recorded here: the same as {@link #getOverdueStreams()}. */
    public long getSampledOverdue() {
        return overdueStreams;
    }

    /**
     * The estimated open streams of this method opened at this site: each sampled stream counts with its weight (the
     * streams of its method it stands for). For a {@link SiteKind#NOT_SAMPLED} row, the open streams of the method
     * that the sites' estimates do not place. Exact (the same as the open streams) when nothing was left unsampled.
     */
    public long getOpenEstimate() {
        return openEstimate;
    }

    /** The estimated overdue streams, as {@link #getOpenEstimate()}. */
    public long getOverdueEstimate() {
        return overdueEstimate;
    }

    public long getOldestAgeMillis() {
        return oldestAgeMillis;
    }

    /**
     * True when some streams of this method went unrecorded (sampling, or the site table was full): the counts are
     * then those of the recorded streams, and the rest sit in the method's {@link SiteKind#NOT_SAMPLED} row. False:
     * every stream of the method has its site, the counts are exact.
     */
    public boolean isSampled() {
        return sampled;
    }

    /** The recorded stack, from the application frame towards its callers; empty for server and unsampled rows. */
    public String[] getFrames() {
        return frames.clone();
    }

    @Override
    public String toString() {
        return "SiteRow[" + (site == null ? kind : site) + " " + method + " open~" + openEstimate + " overdue~"
                + overdueEstimate + " sampled " + openStreams + "/" + overdueStreams + "]";
    }
}
