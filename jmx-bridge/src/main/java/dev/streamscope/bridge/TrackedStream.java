package dev.streamscope.bridge;

/**
 * A stream as the {@link OpenStreamRegistry} links it: a node of its open-order list.
 *
 * <p>The node is the interceptor's call wrapper itself (a {@code ServerCall} or {@code ClientCall}), so tracking a
 * stream allocates two small objects (call and listener wrappers) and nothing else. The wrappers extend different
 * gRPC base classes, hence an interface rather than a shared base class.
 *
 * <p>Links are written only under the registry's lock; {@link #newer()} is volatile so that readers can walk the list
 * without the lock. An unlinked node keeps its {@code newer} link, so a reader standing on it walks on forward. Each
 * node is also in its creation site's own open-order list ({@link #siteNewer()}, {@link #siteOlder()}), both ways
 * readable without the lock, and keeps both site links when unlinked for the same reason.
 */
interface TrackedStream {

    TrackedStream newer();

    void linkNewer(TrackedStream newer);

    TrackedStream older();

    void linkOlder(TrackedStream older);

    /** The next newer stream of the same creation site; both site links are walked without the lock. */
    TrackedStream siteNewer();

    void linkSiteNewer(TrackedStream newer);

    /** The next older stream of the same creation site. */
    TrackedStream siteOlder();

    void linkSiteOlder(TrackedStream older);

    /** Under the registry lock, before the node is linked (and so before any reader can see it). */
    void opened(long id, long startEpochMillis);

    /** Zero until {@link #opened}: an untracked (dropped) stream keeps it. */
    long id();

    long startEpochMillis();

    boolean isEnded();

    /** Under the registry lock. */
    void markEnded();

    /** Where the stream was opened; set before the node is linked. */
    CreationSite site();

    /**
     * How many streams of its method this one stands for at its site: itself and the unsampled ones since the
     * method's previous sample; 0 for a stream whose site was not recorded. Set before the node is linked.
     */
    int weight();

    /** Called by {@link CreationSites} for a sampled stream, before the node is linked. */
    void weigh(int weight);

    StreamRow row(long nowEpochMillis);

    /** {@code pkg.Service/Method}, read from the call's method descriptor (no copy kept). */
    String fullMethodName();

    StreamSide side();
}
