package dev.streamscope.bridge;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

/** Tracks every call made through the channel it decorates, from start until the listener hears onClose. */
final class TrackingClientInterceptor implements ClientInterceptor {
    private final OpenStreamRegistry registry;

    TrackingClientInterceptor(OpenStreamRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
            MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
        String authority = callOptions.getAuthority() != null ? callOptions.getAuthority() : next.authority();
        return new TrackedClientCall<>(next.newCall(method, callOptions), registry, method, authority);
    }
}
