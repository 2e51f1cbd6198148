package dev.streamscope.bridge;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A small real gRPC service with one method per way a stream can live and end; strings on the wire, no codegen. */
public final class ProbeService {
    public static final String SERVICE = "streamscope.probe.Probe";

    public static final MethodDescriptor<String, String> ECHO = method("Echo", MethodType.UNARY);
    /** Never answers: ends only by deadline or cancel. */
    public static final MethodDescriptor<String, String> HANG = method("Hang", MethodType.UNARY);
    /** The server gives up: closes the call with CANCELLED. */
    public static final MethodDescriptor<String, String> REFUSE = method("Refuse", MethodType.UNARY);
    /** The service's handler throws before it returns a listener. */
    public static final MethodDescriptor<String, String> BROKEN = method("Broken", MethodType.UNARY);
    /** Sends one tick and then holds the stream open. */
    public static final MethodDescriptor<String, String> TICKS = method("Ticks", MethodType.SERVER_STREAMING);
    /** Echoes every message; completes when the client half-closes. */
    public static final MethodDescriptor<String, String> CHAT = method("Chat", MethodType.BIDI_STREAMING);

    private ProbeService() {}

    static ServerServiceDefinition definition() {
        ServerCallHandler<String, String> broken = (call, headers) -> {
            throw new IllegalStateException("handler failed on purpose");
        };
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                .addMethod(HANG, ServerCalls.asyncUnaryCall((request, response) -> {}))
                .addMethod(
                        REFUSE,
                        ServerCalls.asyncUnaryCall((request, response) -> response.onError(Status.CANCELLED
                                .withDescription("server gave up")
                                .asRuntimeException())))
                .addMethod(BROKEN, broken)
                .addMethod(TICKS, ServerCalls.asyncServerStreamingCall((request, response) -> response.onNext("tick")))
                .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(ProbeService::chat))
                .build();
    }

    private static StreamObserver<String> chat(StreamObserver<String> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(String message) {
                response.onNext(message);
            }

            @Override
            public void onError(Throwable cancelled) {}

            @Override
            public void onCompleted() {
                response.onCompleted();
            }
        };
    }

    private static MethodDescriptor<String, String> method(String name, MethodType type) {
        return MethodDescriptor.<String, String>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(Utf8Marshaller.INSTANCE)
                .setResponseMarshaller(Utf8Marshaller.INSTANCE)
                .build();
    }

    /**
     * UTF-8 strings, sized the way grpc-java's own protobuf marshaller does it: the outgoing stream tells its length and
     * drains itself, the incoming one is read to its known length. A plain {@code ByteArrayInputStream} and
     * {@code readAllBytes} cost two 8 KiB buffers a message, some 30 KB a call, which swamped the bridge's 100 bytes in
     * the allocation figures and added GC noise to the throughput ones.
     */
    private enum Utf8Marshaller implements MethodDescriptor.Marshaller<String> {
        INSTANCE;

        @Override
        public InputStream stream(String value) {
            return new Payload(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                byte[] bytes = stream.readNBytes(stream.available());
                int next = stream.read();
                if (next == -1) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
                // a stream that did not know its length: the rest the slow way
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                whole.write(bytes);
                whole.write(next);
                stream.transferTo(whole);
                return whole.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Payload extends ByteArrayInputStream implements KnownLength, Drainable {
        Payload(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int length = count - pos;
            target.write(buf, pos, length);
            pos = count;
            return length;
        }
    }
}
