package dev.streamscope.bridge;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.net.InetSocketAddress;

/**
 * Stands in for a transport's open, idle server call where a real one cannot be had: tens of thousands of open
 * streams for the registry's own tests and benchmarks. Only what a stream row reads is filled in.
 */
final class IdleServerCall extends ServerCall<String, String> {
    private final MethodDescriptor<String, String> method;
    private final Attributes attributes;

    IdleServerCall(MethodDescriptor<String, String> method, int stream) {
        this(method, stream, "127.0.0.1");
    }

    /** From a client on {@code host} (an IP address text), on a port that varies with {@code stream}. */
    IdleServerCall(MethodDescriptor<String, String> method, int stream, String host) {
        this.method = method;
        this.attributes = Attributes.newBuilder()
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(host, 1024 + stream % 60_000))
                .build();
    }

    @Override
    public void request(int numMessages) {}

    @Override
    public void sendHeaders(Metadata headers) {}

    @Override
    public void sendMessage(String message) {}

    @Override
    public void close(Status status, Metadata trailers) {}

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public String getAuthority() {
        return "127.0.0.1:8080";
    }

    @Override
    public MethodDescriptor<String, String> getMethodDescriptor() {
        return method;
    }
}
