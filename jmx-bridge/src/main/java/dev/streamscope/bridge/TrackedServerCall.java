package dev.streamscope.bridge;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.net.SocketAddress;

/**
 * The server call wrapper of a tracked stream, and its registry node: counts the messages the application sends and
 * notes when it closes the call. Only the thread that drives the call writes the counters (gRPC serializes a call's
 * methods), so a volatile field each is enough; readers on the JMX thread see recent values without a lock.
 */
final class TrackedServerCall<ReqT, RespT> extends ForwardingServerCall<ReqT, RespT> implements TrackedStream {
    private final ServerCall<ReqT, RespT> delegate;
    private final SocketAddress peer;

    private volatile TrackedStream newer;
    private TrackedStream older;
    private long id;
    private long startEpochMillis;
    private volatile boolean ended;

    private volatile long lastActivityEpochMillis;
    private volatile long messagesSent;
    private volatile long messagesReceived;
    private volatile boolean halfClosedLocal;
    private volatile boolean halfClosedRemote;

    TrackedServerCall(ServerCall<ReqT, RespT> delegate) {
        this.delegate = delegate;
        this.peer = remoteAddressOf(delegate);
    }

    private static SocketAddress remoteAddressOf(ServerCall<?, ?> call) {
        try {
            return StreamActivity.remoteAddress(call.getAttributes());
        } catch (RuntimeException unexpected) {
            // Tracking must not fail the call; the peer stays unknown.
            return null;
        }
    }

    @Override
    protected ServerCall<ReqT, RespT> delegate() {
        return delegate;
    }

    @Override
    public void sendMessage(RespT message) {
        messagesSent++;
        lastActivityEpochMillis = System.currentTimeMillis();
        delegate.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
        halfClosedLocal = true;
        delegate.close(status, trailers);
    }

    void messageReceived() {
        messagesReceived++;
        lastActivityEpochMillis = System.currentTimeMillis();
    }

    void halfClosedByClient() {
        halfClosedRemote = true;
        lastActivityEpochMillis = System.currentTimeMillis();
    }

    @Override
    public TrackedStream newer() {
        return newer;
    }

    @Override
    public void linkNewer(TrackedStream newer) {
        this.newer = newer;
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
    public void opened(long id, long startEpochMillis) {
        this.id = id;
        this.startEpochMillis = startEpochMillis;
        this.lastActivityEpochMillis = startEpochMillis;
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
        ended = true;
    }

    @Override
    public StreamRow row(long nowEpochMillis) {
        // Method and authority are read from the call only now, so tracking stores no copy of them.
        return new StreamRow(
                id,
                StreamSide.SERVER,
                delegate.getMethodDescriptor().getFullMethodName(),
                delegate.getMethodDescriptor().getType(),
                delegate.getAuthority(),
                StreamActivity.text(peer),
                startEpochMillis,
                StreamActivity.ageMillis(startEpochMillis, nowEpochMillis),
                messagesSent,
                messagesReceived,
                halfClosedLocal,
                halfClosedRemote,
                lastActivityEpochMillis);
    }
}
