package dev.streamscope.app.demo;

import io.grpc.CallOptions;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The demo's switch for the Threads page ({@code -D}{@value #PROPERTY}{@code =true}): a second server whose handler
 * runs on its Netty event loop (directExecutor) and sleeps there, and one call to it. The demo's own service is not
 * affected; this server's event loop shows as blocked, in {@link #sleepOnTheEventLoop}.
 */
final class EventLoopBlocker implements AutoCloseable {

    static final String PROPERTY = "streamscope.demo.blockEventLoop";

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> BLOCK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("streamscope.demo.Blocker/Block")
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();

    private final Server server;
    private final ManagedChannel channel;

    private EventLoopBlocker(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    static EventLoopBlocker start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Server server = NettyServerBuilder.forAddress(
                        new InetSocketAddress(loopback, 0), InsecureServerCredentials.create())
                .directExecutor()
                .addService(ServerServiceDefinition.builder("streamscope.demo.Blocker")
                        .addMethod(BLOCK, ServerCalls.asyncUnaryCall(EventLoopBlocker::block))
                        .build())
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress(
                        new InetSocketAddress(loopback, server.getPort()), InsecureChannelCredentials.create())
                .build();
        ClientCalls.asyncUnaryCall(channel.newCall(BLOCK, CallOptions.DEFAULT), new byte[0], new StreamObserver<>() {
            @Override
            public void onNext(byte[] value) {}

            @Override
            public void onError(Throwable failure) {}

            @Override
            public void onCompleted() {}
        });
        return new EventLoopBlocker(server, channel);
    }

    private static void block(byte[] request, StreamObserver<byte[]> responses) {
        sleepOnTheEventLoop();
        responses.onNext(request);
        responses.onCompleted();
    }

    /** What the finding names: application code that sleeps on a Netty event loop. */
    static void sleepOnTheEventLoop() {
        try {
            Thread.sleep(TimeUnit.HOURS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
