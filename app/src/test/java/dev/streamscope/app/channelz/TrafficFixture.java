package dev.streamscope.app.channelz;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.StringValue;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.ChannelzService;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real grpc-java traffic on 127.0.0.1: a traffic server with a unary and a bidi method, client channels to it, and a
 * separate server that serves channelz for this JVM. Keeping channelz on its own server keeps the walker's own
 * connection off the traffic server, so the traffic's counts are exact. Leaked streams are bidi calls that send one
 * message and are never half-closed or cancelled, as the seed bug does.
 */
final class TrafficFixture implements AutoCloseable {

    private static final String SERVICE = "streamscope.test.Echo";
    static final MethodDescriptor<StringValue, StringValue> UNARY = method("Unary", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<StringValue, StringValue> CHAT =
            method("Chat", MethodDescriptor.MethodType.BIDI_STREAMING);

    private final Server trafficServer;
    private final Server channelzServer;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final AtomicInteger serverOpenStreams = new AtomicInteger();
    private final List<StreamObserver<StringValue>> leaked = new CopyOnWriteArrayList<>();

    /**
     * @param channelCount client channels to open to the traffic server
     * @param channelzPageSize the page size the channelz service uses (grpc-java ignores the request's max_results)
     * @param channelzInterceptor wraps the channelz service, e.g. to count calls in flight; may be null
     */
    TrafficFixture(int channelCount, int channelzPageSize, ServerInterceptor channelzInterceptor) throws IOException {
        trafficServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(echoService())
                .build()
                .start();
        ServerServiceDefinition channelz =
                ChannelzService.newInstance(channelzPageSize).bindService();
        channelzServer = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(
                        channelzInterceptor == null
                                ? channelz
                                : ServerInterceptors.intercept(channelz, channelzInterceptor))
                .build()
                .start();
        for (int i = 0; i < channelCount; i++) {
            channels.add(NettyChannelBuilder.forAddress("127.0.0.1", trafficServer.getPort())
                    .usePlaintext()
                    .build());
        }
    }

    String trafficAddress() {
        return "127.0.0.1:" + trafficServer.getPort();
    }

    ChannelzAddress channelzAddress() {
        return new ChannelzAddress("127.0.0.1", channelzServer.getPort());
    }

    int trafficPort() {
        return trafficServer.getPort();
    }

    int channelCount() {
        return channels.size();
    }

    /** One unary call on channel {@code index}; it fails with INVALID_ARGUMENT when {@code fail}. */
    void unary(int index, boolean fail) {
        try {
            ClientCalls.blockingUnaryCall(
                    channels.get(index)
                            .newCall(UNARY, io.grpc.CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS)),
                    StringValue.of(fail ? "fail" : "ok"));
        } catch (io.grpc.StatusRuntimeException expected) {
            if (!fail) {
                throw expected;
            }
        }
    }

    /** Opens a bidi stream on channel {@code index}, sends one message and abandons it. */
    void leak(int index) {
        StreamObserver<StringValue> requests = ClientCalls.asyncBidiStreamingCall(
                channels.get(index).newCall(CHAT, io.grpc.CallOptions.DEFAULT), new IgnoringObserver());
        requests.onNext(StringValue.of("hello"));
        leaked.add(requests);
    }

    /** Waits until the server has seen {@code count} leaked streams open. */
    void awaitServerOpenStreams(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> serverOpenStreams.get() == count);
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        trafficServer.shutdownNow();
        channelzServer.shutdownNow();
        for (ManagedChannel channel : channels) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
        trafficServer.awaitTermination(5, TimeUnit.SECONDS);
        channelzServer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private ServerServiceDefinition echoService() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(UNARY, ServerCalls.asyncUnaryCall((request, responses) -> {
                    if (request.getValue().equals("fail")) {
                        responses.onError(Status.INVALID_ARGUMENT
                                .withDescription("asked to fail")
                                .asRuntimeException());
                    } else {
                        responses.onNext(request);
                        responses.onCompleted();
                    }
                }))
                .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(responses -> new StreamObserver<StringValue>() {
                    private boolean counted;

                    @Override
                    public void onNext(StringValue value) {
                        if (!counted) {
                            counted = true;
                            serverOpenStreams.incrementAndGet();
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {}

                    @Override
                    public void onCompleted() {
                        responses.onCompleted();
                    }
                }))
                .build();
    }

    private static MethodDescriptor<StringValue, StringValue> method(String name, MethodDescriptor.MethodType type) {
        MethodDescriptor.Marshaller<StringValue> marshaller = ProtoUtils.marshaller(StringValue.getDefaultInstance());
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(marshaller)
                .setResponseMarshaller(marshaller)
                .build();
    }
}
