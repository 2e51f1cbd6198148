package dev.streamscope.bridge;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;

/**
 * The server call wrapper of a tracked stream, and its registry node: counts the messages the application sends and
 * notes when it closes the call.
 *
 * <p>Only the thread that drives the call writes the counters (gRPC serializes a call's methods), so each is written
 * with an opaque store: atomic and soon visible to the JMX reader, without the fence of a volatile store. The fields are
 * declared volatile so that every read is fresh; only the writes are relaxed. Links and the ended flag are written
 * under the registry's lock with release stores, which publish the node to readers that walk without the lock.
 */
final class TrackedServerCall<ReqT, RespT> extends ForwardingServerCall<ReqT, RespT> implements TrackedStream {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final VarHandle NEWER = StreamActivity.field(LOOKUP, "newer", TrackedStream.class);
    private static final VarHandle SITE_NEWER = StreamActivity.field(LOOKUP, "siteNewer", TrackedStream.class);
    private static final VarHandle SITE_OLDER = StreamActivity.field(LOOKUP, "siteOlder", TrackedStream.class);
    private static final VarHandle ENDED = StreamActivity.field(LOOKUP, "ended", boolean.class);
    private static final VarHandle LAST_ACTIVITY = StreamActivity.field(LOOKUP, "lastActivityOffsetMillis", int.class);
    private static final VarHandle SENT = StreamActivity.field(LOOKUP, "messagesSent", int.class);
    private static final VarHandle RECEIVED = StreamActivity.field(LOOKUP, "messagesReceived", int.class);
    private static final VarHandle HALF_CLOSED_LOCAL = StreamActivity.field(LOOKUP, "halfClosedLocal", boolean.class);
    private static final VarHandle HALF_CLOSED_REMOTE = StreamActivity.field(LOOKUP, "halfClosedRemote", boolean.class);

    private final ServerCall<ReqT, RespT> delegate;
    private final OpenStreamRegistry registry;
    private final CreationSite site;

    private volatile TrackedStream newer;
    private TrackedStream older;
    /** See {@link TrackedStream#weight()}; published with the node's link. */
    private int weight;

    private volatile TrackedStream siteNewer;
    private volatile TrackedStream siteOlder;
    private long id;
    private long startEpochMillis;
    private volatile boolean ended;

    private volatile int lastActivityOffsetMillis;
    private volatile int messagesSent;
    private volatile int messagesReceived;
    private volatile boolean halfClosedLocal;
    private volatile boolean halfClosedRemote;

    TrackedServerCall(ServerCall<ReqT, RespT> delegate, OpenStreamRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.site = registry.sites().serverSite(delegate, this);
    }

    /** Read only when a row is, off the call's path: a server call's transport attributes are fixed from its start. */
    private SocketAddress peer() {
        try {
            return StreamActivity.remoteAddress(delegate.getAttributes());
        } catch (RuntimeException unexpected) {
            // A row must not fail the reader either; the peer stays unknown.
            return null;
        }
    }

    @Override
    protected ServerCall<ReqT, RespT> delegate() {
        return delegate;
    }

    /** Forwarded here because ForwardingServerCall did not forward it before grpc-java 1.4x: no AbstractMethodError. */
    @Override
    public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
        return delegate.getMethodDescriptor();
    }

    @Override
    public void sendMessage(RespT message) {
        SENT.setOpaque(this, StreamActivity.incremented(messagesSent));
        touch();
        delegate.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
        HALF_CLOSED_LOCAL.setOpaque(this, true);
        delegate.close(status, trailers);
    }

    void messageReceived() {
        RECEIVED.setOpaque(this, StreamActivity.incremented(messagesReceived));
        touch();
    }

    void halfClosedByClient() {
        HALF_CLOSED_REMOTE.setOpaque(this, true);
        touch();
    }

    private void touch() {
        LAST_ACTIVITY.setOpaque(this, StreamActivity.offsetMillis(startEpochMillis, registry.now()));
    }

    @Override
    public TrackedStream newer() {
        return newer;
    }

    @Override
    public void linkNewer(TrackedStream newer) {
        NEWER.setRelease(this, newer);
    }

    @Override
    public TrackedStream older() {
        return older;
    }

    @Override
    public void linkOlder(TrackedStream older) {
        this.older = older;
    }

    @Override
    public TrackedStream siteNewer() {
        return siteNewer;
    }

    @Override
    public void linkSiteNewer(TrackedStream newer) {
        SITE_NEWER.setRelease(this, newer);
    }

    @Override
    public TrackedStream siteOlder() {
        return siteOlder;
    }

    @Override
    public void linkSiteOlder(TrackedStream older) {
        SITE_OLDER.setRelease(this, older);
    }

    @Override
    public void opened(long id, long startEpochMillis) {
        this.id = id;
        this.startEpochMillis = startEpochMillis;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long startEpochMillis() {
        return startEpochMillis;
    }

    @Override
    public boolean isEnded() {
        return ended;
    }

    @Override
    public void markEnded() {
        ENDED.setRelease(this, true);
    }

    @Override
    public CreationSite site() {
        return site;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public void weigh(int weight) {
        this.weight = weight;
    }

    @Override
    public StreamRow row(long nowEpochMillis) {
        // Method, authority and peer are read from the call only now, so tracking stores no copy of them.
        return new StreamRow(
                id,
                StreamSide.SERVER,
                delegate.getMethodDescriptor().getFullMethodName(),
                delegate.getMethodDescriptor().getType(),
                delegate.getAuthority(),
                StreamActivity.text(peer()),
                startEpochMillis,
                StreamActivity.ageMillis(startEpochMillis, nowEpochMillis),
                messagesSent,
                messagesReceived,
                halfClosedLocal,
                halfClosedRemote,
                startEpochMillis + lastActivityOffsetMillis);
    }

    @Override
    public String fullMethodName() {
        return delegate.getMethodDescriptor().getFullMethodName();
    }

    @Override
    public StreamSide side() {
        return StreamSide.SERVER;
    }
}
