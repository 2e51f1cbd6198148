package dev.streamscope.app.fleet;

import com.google.protobuf.StringValue;
import dev.streamscope.app.channelz.IgnoringObserver;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.bridge.StreamScopeBridge;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One service of the fleet tests, run in a child JVM with the real JMX exporter agent: a grpc-java server over Netty on
 * 127.0.0.1 whose calls the bridge tracks (server side, as a service owner installs it), and a client in the same JVM.
 * Arguments: leaked streams per second (bidi {@code Watch} streams opened and abandoned: no half-close, no cancel) and
 * healthy calls per second (a unary call and a {@code Watch} stream that half-closes, both ending at once).
 */
public final class FleetServiceChildMain {

    private static final MethodDescriptor.Marshaller<StringValue> MARSHALLER =
            ProtoUtils.marshaller(StringValue.getDefaultInstance());
    private static final MethodDescriptor<StringValue, StringValue> ECHO =
            method("Echo", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<StringValue, StringValue> WATCH =
            method("Watch", MethodDescriptor.MethodType.BIDI_STREAMING);

    private FleetServiceChildMain() {}

    public static void main(String[] arguments) throws Exception {
        double leakedPerSecond = Double.parseDouble(arguments[0]);
        double healthyPerSecond = Double.parseDouble(arguments[1]);
        ServerServiceDefinition service = ServerServiceDefinition.builder("streamscope.test.Fleet")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(request);
                    response.onCompleted();
                }))
                // the server ends a Watch when its client half-closes; a client that never does leaks the stream
                .addMethod(WATCH, ServerCalls.asyncBidiStreamingCall(responses -> new StreamObserver<StringValue>() {
                    @Override
                    public void onNext(StringValue request) {}

                    @Override
                    public void onError(Throwable failure) {}

                    @Override
                    public void onCompleted() {
                        responses.onCompleted();
                    }
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(
                        service, StreamScopeBridge.defaultBridge().trackingServerInterceptor()))
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        // connect first, so that the leak runs at its rate from the start instead of queueing behind the handshake
        long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (channel.getState(true) != ConnectivityState.READY && System.nanoTime() < connectBy) {
            Thread.sleep(10);
        }
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        if (leakedPerSecond > 0) {
            traffic.scheduleAtFixedRate(
                    () -> watch(channel, false), 0, periodMicros(leakedPerSecond), TimeUnit.MICROSECONDS);
        }
        if (healthyPerSecond > 0) {
            traffic.scheduleAtFixedRate(
                    () -> {
                        ClientCalls.asyncUnaryCall(
                                channel.newCall(ECHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
                                StringValue.of("hello"),
                                new IgnoringObserver());
                        watch(channel, true);
                    },
                    0,
                    periodMicros(healthyPerSecond),
                    TimeUnit.MICROSECONDS);
        }
        ChildJvm.readyThenAwaitParent("leaking " + leakedPerSecond + "/s, healthy " + healthyPerSecond + "/s");
    }

    private static void watch(ManagedChannel channel, boolean finish) {
        StreamObserver<StringValue> requests =
                ClientCalls.asyncBidiStreamingCall(channel.newCall(WATCH, CallOptions.DEFAULT), new IgnoringObserver());
        requests.onNext(StringValue.of("watch"));
        if (finish) {
            requests.onCompleted();
        }
    }

    private static long periodMicros(double perSecond) {
        return Math.round(1_000_000 / perSecond);
    }

    private static MethodDescriptor<StringValue, StringValue> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(type)
                .setFullMethodName("streamscope.test.Fleet/" + name)
                .setRequestMarshaller(MARSHALLER)
                .setResponseMarshaller(MARSHALLER)
                .build();
    }
}
