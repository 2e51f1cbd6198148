package dev.streamscope.bridge;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Stands in for a transport's client call in the tracking-path benchmark: it keeps the listener so that the benchmark
 * can deliver the server's side (a response and the close) without a transport's own cost in the figures.
 */
final class IdleClientCall extends ClientCall<String, String> {
    /** A channel whose every call is a new idle one; it remembers the latest, for the benchmark to answer. */
    static final class IdleChannel extends Channel {
        IdleClientCall latest;

        @Override
        @SuppressWarnings("unchecked")
        public <RequestT, ResponseT> ClientCall<RequestT, ResponseT> newCall(
                MethodDescriptor<RequestT, ResponseT> method, CallOptions options) {
            latest = new IdleClientCall();
            return (ClientCall<RequestT, ResponseT>) latest;
        }

        @Override
        public String authority() {
            return "127.0.0.1:8080";
        }
    }

    private Listener<String> listener;

    @Override
    public void start(Listener<String> responseListener, Metadata headers) {
        this.listener = responseListener;
    }

    /** What the server does for a unary call: headers, one response, then OK. */
    void answer() {
        listener.onHeaders(new Metadata());
        listener.onMessage("response");
        listener.onClose(Status.OK, new Metadata());
    }

    @Override
    public void request(int numMessages) {}

    @Override
    public void cancel(String message, Throwable cause) {}

    @Override
    public void halfClose() {}

    @Override
    public void sendMessage(String message) {}
}
