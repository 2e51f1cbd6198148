package dev.streamscope.app.streams;

import com.google.protobuf.StringValue;
import dev.streamscope.app.channelz.IgnoringObserver;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC server on 127.0.0.1 and one channel to it: so one client socket and one server socket whose streams the test
 * controls. Public for captures that record such a lane (capture tests). {@code Hold} is a bidi method whose server never answers: a stream ends only when its client half-closes.
 */
public final class StreamLane implements AutoCloseable {

    private static final String SERVICE = "streamscope.test.Lane";
    private static final MethodDescriptor.Marshaller<StringValue> MARSHALLER =
            ProtoUtils.marshaller(StringValue.getDefaultInstance());
    static final MethodDescriptor<StringValue, StringValue> UNARY =
            MethodDescriptor.<StringValue, StringValue>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Unary"))
                    .setRequestMarshaller(MARSHALLER)
                    .setResponseMarshaller(MARSHALLER)
                    .build();
    static final MethodDescriptor<StringValue, StringValue> HOLD =
            MethodDescriptor.<StringValue, StringValue>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Hold"))
                    .setRequestMarshaller(MARSHALLER)
                    .setResponseMarshaller(MARSHALLER)
                    .build();

    private final Server server;
    private final ManagedChannel channel;
    private final List<StreamObserver<StringValue>> held = new CopyOnWriteArrayList<>();

    public StreamLane() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerServiceDefinition.builder(SERVICE)
                        .addMethod(UNARY, ServerCalls.asyncUnaryCall((request, responses) -> {
                            responses.onNext(request);
                            responses.onCompleted();
                        }))
                        .addMethod(
                                HOLD,
                                ServerCalls.asyncBidiStreamingCall(responses -> new StreamObserver<StringValue>() {
                                    @Override
                                    public void onNext(StringValue value) {}

                                    @Override
                                    public void onError(Throwable failure) {}

                                    @Override
                                    public void onCompleted() {
                                        responses.onCompleted();
                                    }
                                }))
                        .build())
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
    }

    public int port() {
        return server.getPort();
    }

    public void unary() {
        ClientCalls.blockingUnaryCall(
                channel.newCall(UNARY, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS)),
                StringValue.of("x"));
    }

    /** Opens a stream that stays open until {@link #endHeld()}; sends one message so that the server sees it. */
    public void hold() {
        held.add(open());
    }

    /** Opens a stream that stays open until the caller half-closes the returned requests. */
    public StreamObserver<StringValue> open() {
        StreamObserver<StringValue> requests =
                ClientCalls.asyncBidiStreamingCall(channel.newCall(HOLD, CallOptions.DEFAULT), new IgnoringObserver());
        requests.onNext(StringValue.of("hello"));
        return requests;
    }

    /** Half-closes every held stream; the server then completes them. */
    void endHeld() {
        for (StreamObserver<StringValue> requests : held) {
            requests.onCompleted();
        }
        held.clear();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
