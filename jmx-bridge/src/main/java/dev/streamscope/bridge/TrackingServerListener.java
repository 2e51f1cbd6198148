package dev.streamscope.bridge;

import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;

/**
 * Hears the client's side of a tracked server stream. gRPC ends every server call with exactly one of onComplete or
 * onCancel (cancelled, deadline exceeded, transport failure, closed with an error), so both forget the stream, first,
 * before the application's listener runs and can throw.
 */
final class TrackingServerListener<ReqT> extends ForwardingServerCallListener<ReqT> {
    private final ServerCall.Listener<ReqT> delegate;
    private final TrackedServerCall<ReqT, ?> call;
    private final OpenStreamRegistry registry;

    TrackingServerListener(
            ServerCall.Listener<ReqT> delegate, TrackedServerCall<ReqT, ?> call, OpenStreamRegistry registry) {
        this.delegate = delegate;
        this.call = call;
        this.registry = registry;
    }

    @Override
    protected ServerCall.Listener<ReqT> delegate() {
        return delegate;
    }

    @Override
    public void onMessage(ReqT message) {
        call.messageReceived();
        delegate.onMessage(message);
    }

    @Override
    public void onHalfClose() {
        call.halfClosedByClient();
        delegate.onHalfClose();
    }

    @Override
    public void onCancel() {
        registry.end(call);
        delegate.onCancel();
    }

    @Override
    public void onComplete() {
        registry.end(call);
        delegate.onComplete();
    }
}
