package dev.streamscope.bridge;

import io.grpc.ClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Hears the server's side of a tracked client stream. gRPC calls onClose exactly once for every started call, however
 * it ends (completed, cancelled by either side, deadline exceeded, transport failure), so onClose forgets the stream,
 * before the application's listener runs and can throw.
 */
final class TrackingClientListener<RespT> extends ForwardingClientCallListener<RespT> {
    private final ClientCall.Listener<RespT> delegate;
    private final TrackedClientCall<?, RespT> call;
    private final OpenStreamRegistry registry;

    TrackingClientListener(
            ClientCall.Listener<RespT> delegate, TrackedClientCall<?, RespT> call, OpenStreamRegistry registry) {
        this.delegate = delegate;
        this.call = call;
        this.registry = registry;
    }

    @Override
    protected ClientCall.Listener<RespT> delegate() {
        return delegate;
    }

    @Override
    public void onHeaders(Metadata headers) {
        call.notePeer();
        delegate.onHeaders(headers);
    }

    @Override
    public void onMessage(RespT message) {
        call.messageReceived();
        delegate.onMessage(message);
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        call.closedByServer();
        registry.end(call);
        delegate.onClose(status, trailers);
    }
}
