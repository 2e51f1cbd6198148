package dev.streamscope.bridge;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Tracks every server call that passes through it, from the moment it reaches the service until it ends. */
final class TrackingServerInterceptor implements ServerInterceptor {
    private final OpenStreamRegistry registry;

    TrackingServerInterceptor(OpenStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        TrackedServerCall<ReqT, RespT> tracked = new TrackedServerCall<>(call, registry);
        if (!registry.open(tracked)) {
            // Capacity reached: counted as dropped, and the call runs exactly as without the bridge.
            return next.startCall(call, headers);
        }
        ServerCall.Listener<ReqT> listener;
        try {
            listener = next.startCall(tracked, headers);
        } catch (RuntimeException | Error failure) {
            // Our listener never gets installed, so nothing else would forget this stream.
            registry.end(tracked);
            throw failure;
        }
        return new TrackingServerListener<>(listener, tracked, registry);
    }
}
