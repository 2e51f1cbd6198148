package dev.streamscope.bridge;

import io.grpc.ClientCall;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;

/**
 * The client call wrapper of a tracked stream, and its registry node. The stream opens at {@link #start}, not when the
 * call object is made: a call never started never reaches the wire. Counters and links: see {@link TrackedServerCall}.
 */
final class TrackedClientCall<ReqT, RespT> extends ForwardingClientCall<ReqT, RespT> implements TrackedStream {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final VarHandle NEWER = StreamActivity.field(LOOKUP, "newer", TrackedStream.class);
    private static final VarHandle SITE_NEWER = StreamActivity.field(LOOKUP, "siteNewer", TrackedStream.class);
    private static final VarHandle SITE_OLDER = StreamActivity.field(LOOKUP, "siteOlder", TrackedStream.class);
    private static final VarHandle ENDED = StreamActivity.field(LOOKUP, "ended", boolean.class);
    private static final VarHandle PEER = StreamActivity.field(LOOKUP, "peer", SocketAddress.class);
    private static final VarHandle LAST_ACTIVITY = StreamActivity.field(LOOKUP, "lastActivityOffsetMillis", int.class);
    private static final VarHandle SENT = StreamActivity.field(LOOKUP, "messagesSent", int.class);
    private static final VarHandle RECEIVED = StreamActivity.field(LOOKUP, "messagesReceived", int.class);
    private static final VarHandle HALF_CLOSED_LOCAL = StreamActivity.field(LOOKUP, "halfClosedLocal", boolean.class);
    private static final VarHandle HALF_CLOSED_REMOTE = StreamActivity.field(LOOKUP, "halfClosedRemote", boolean.class);

    private final ClientCall<ReqT, RespT> delegate;
    private final OpenStreamRegistry registry;
    private final MethodDescriptor<ReqT, RespT> method;
    private final String authority;
    private volatile SocketAddress peer;
    private CreationSite site;

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

    TrackedClientCall(
            ClientCall<ReqT, RespT> delegate,
            OpenStreamRegistry registry,
            MethodDescriptor<ReqT, RespT> method,
            String authority) {
        this.delegate = delegate;
        this.registry = registry;
        this.method = method;
        this.authority = authority;
    }

    @Override
    protected ClientCall<ReqT, RespT> delegate() {
        return delegate;
    }

    @Override
    public void start(Listener<RespT> responseListener, Metadata headers) {
        // Here, on the thread that starts the call, the stack still holds the application's frame; published to
        // readers by the registry's link store.
        site = registry.sites().clientSite(method, this);
        if (!registry.open(this)) {
            delegate.start(responseListener, headers);
            return;
        }
        try {
            delegate.start(new TrackingClientListener<>(responseListener, this, registry), headers);
        } catch (RuntimeException | Error failure) {
            // The listener will never hear onClose for a call that did not start.
            registry.end(this);
            throw failure;
        }
        notePeer();
    }

    @Override
    public void sendMessage(ReqT message) {
        SENT.setOpaque(this, StreamActivity.incremented(messagesSent));
        touch();
        delegate.sendMessage(message);
    }

    @Override
    public void halfClose() {
        HALF_CLOSED_LOCAL.setOpaque(this, true);
        touch();
        delegate.halfClose();
    }

    /** The peer is known once the transport has a stream: right after start on some transports, by the headers on all. */
    void notePeer() {
        if (peer == null) {
            try {
                PEER.setOpaque(this, StreamActivity.remoteAddress(delegate.getAttributes()));
            } catch (RuntimeException unexpected) {
                // Tracking must not fail the call; the peer stays unknown.
            }
        }
    }

    void messageReceived() {
        RECEIVED.setOpaque(this, StreamActivity.incremented(messagesReceived));
        touch();
    }

    void closedByServer() {
        HALF_CLOSED_REMOTE.setOpaque(this, true);
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
        return new StreamRow(
                id,
                StreamSide.CLIENT,
                method.getFullMethodName(),
                method.getType(),
                authority,
                StreamActivity.text(peer),
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
        return method.getFullMethodName();
    }

    @Override
    public StreamSide side() {
        return StreamSide.CLIENT;
    }
}
