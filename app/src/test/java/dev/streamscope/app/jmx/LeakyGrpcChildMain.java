package dev.streamscope.app.jmx;

import com.google.protobuf.StringValue;
import dev.streamscope.app.channelz.IgnoringObserver;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
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
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * A child JVM running a grpc-java server without the jmx-bridge, whose own client leaks 20 bidi streams a second
 * (opened, one message sent, never closed). {@code dev.streamscope.test:type=LeakCount} counts them on both ends.
 * With the argument {@value #HEALTHY} the client half-closes each stream after its message instead, and the server
 * ends it then: the same calls and rate, nothing leaked.
 */
public final class LeakyGrpcChildMain {

    public static final String LEAK_COUNT = "dev.streamscope.test:type=LeakCount";
    public static final String HEALTHY = "healthy";

    private LeakyGrpcChildMain() {}

    public static void main(String[] arguments) throws Exception {
        MethodDescriptor.Marshaller<StringValue> marshaller = ProtoUtils.marshaller(StringValue.getDefaultInstance());
        MethodDescriptor<StringValue, StringValue> watch = MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName("streamscope.test.Leaky/Watch")
                .setRequestMarshaller(marshaller)
                .setResponseMarshaller(marshaller)
                .build();
        AtomicLong served = new AtomicLong();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerServiceDefinition.builder("streamscope.test.Leaky")
                        .addMethod(watch, ServerCalls.asyncBidiStreamingCall(responses -> {
                            served.incrementAndGet();
                            return new StreamObserver<StringValue>() {
                                @Override
                                public void onNext(StringValue value) {}

                                @Override
                                public void onError(Throwable failure) {}

                                @Override
                                public void onCompleted() {
                                    responses.onCompleted(); // only healthy clients half-close
                                }
                            };
                        }))
                        .build())
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
        boolean healthy = arguments.length > 0 && HEALTHY.equals(arguments[0]);
        AtomicLong leaked = new AtomicLong();
        LeakCountMXBean counts = new LeakCountMXBean() {
            @Override
            public long getLeaked() {
                return leaked.get();
            }

            @Override
            public long getServed() {
                return served.get();
            }
        };
        ManagementFactory.getPlatformMBeanServer()
                .registerMBean(new StandardMBean(counts, LeakCountMXBean.class, true), new ObjectName(LEAK_COUNT));
        // connect first, so that the leak runs at its rate from the start instead of queueing behind the handshake
        long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (channel.getState(true) != ConnectivityState.READY && System.nanoTime() < connectBy) {
            Thread.sleep(10);
        }
        ScheduledExecutorService leak = Executors.newSingleThreadScheduledExecutor();
        leak.scheduleAtFixedRate(
                () -> {
                    StreamObserver<StringValue> requests = ClientCalls.asyncBidiStreamingCall(
                            channel.newCall(watch, CallOptions.DEFAULT), new IgnoringObserver());
                    requests.onNext(StringValue.of("watch"));
                    if (healthy) {
                        requests.onCompleted();
                    } else {
                        leaked.incrementAndGet();
                    }
                },
                0,
                50,
                TimeUnit.MILLISECONDS);
        ChildJvm.readyThenAwaitParent("leaking");
    }
}
