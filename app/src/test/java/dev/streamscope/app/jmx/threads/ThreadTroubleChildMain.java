package dev.streamscope.app.jmx.threads;

import com.google.protobuf.StringValue;
import dev.streamscope.app.channelz.IgnoringObserver;
import dev.streamscope.app.jmx.ChildJvm;
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
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM with grpc-java services in trouble ({@value #TROUBLED}): a server whose handler, on the event loop
 * (directExecutor), sleeps; a client thread ({@value #STUCK_CALLER}) in a blocking call without a deadline to a
 * server that never answers; a fixed pool ({@value #SATURATED_POOL}) whose three threads are all busy. With
 * {@value #HEALTHY}, the same kinds of services well: idle event loops, a client making quick blocking calls, a pool of
 * four with about one task at a time, a server stream that delivers a message every 200 ms and one that waits quietly.
 */
public final class ThreadTroubleChildMain {

    public static final String TROUBLED = "troubled";
    public static final String HEALTHY = "healthy";
    public static final String STUCK_CALLER = "stuck-caller";
    public static final String SATURATED_POOL = "saturated-*";
    public static final String BLOCKING_METHOD = "sleepOnTheEventLoop";
    /** With a count after it ({@code many 1000}): that many threads parked 20 frames deep, for the cost probe. */
    public static final String MANY = "many";

    private static final MethodDescriptor.Marshaller<StringValue> MARSHALLER =
            ProtoUtils.marshaller(StringValue.getDefaultInstance());
    static final MethodDescriptor<StringValue, StringValue> UNARY = method("Unary", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<StringValue, StringValue> STREAM =
            method("Stream", MethodDescriptor.MethodType.SERVER_STREAMING);

    private ThreadTroubleChildMain() {}

    private static MethodDescriptor<StringValue, StringValue> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(type)
                .setFullMethodName("streamscope.test.Threads/" + name)
                .setRequestMarshaller(MARSHALLER)
                .setResponseMarshaller(MARSHALLER)
                .build();
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length > 1 && MANY.equals(arguments[0])) {
            many(Integer.parseInt(arguments[1]));
        } else if (arguments.length > 0 && HEALTHY.equals(arguments[0])) {
            healthy();
        } else {
            troubled();
        }
        ChildJvm.readyThenAwaitParent(arguments.length > 0 ? arguments[0] : TROUBLED);
    }

    private static void troubled() throws Exception {
        // a handler run on the event loop itself, that sleeps: every call on this server's connections waits
        Server blocking = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .directExecutor()
                .addService(service(ServerCalls.asyncUnaryCall((request, responses) -> {
                    sleepOnTheEventLoop();
                    responses.onNext(request);
                    responses.onCompleted();
                })))
                .build()
                .start();
        ManagedChannel toBlocking = connected(blocking.getPort());
        ClientCalls.asyncUnaryCall(
                toBlocking.newCall(UNARY, CallOptions.DEFAULT), StringValue.of("block"), new IgnoringObserver());

        // a server that never answers, and a client waiting for it in a blocking call with no deadline
        Server silent = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service(ServerCalls.asyncUnaryCall((request, responses) -> {})))
                .build()
                .start();
        ManagedChannel toSilent = connected(silent.getPort());
        Thread caller = new Thread(
                () -> ClientCalls.blockingUnaryCall(toSilent, UNARY, CallOptions.DEFAULT, StringValue.of("hello")),
                STUCK_CALLER);
        caller.setDaemon(true);
        caller.start();

        // a fixed pool of three, all busy with tasks that take minutes
        ExecutorService pool = Executors.newFixedThreadPool(3, named("saturated-"));
        for (int i = 0; i < 6; i++) {
            pool.execute(ThreadTroubleChildMain::slowTask);
        }
    }

    private static void healthy() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerServiceDefinition.builder("streamscope.test.Threads")
                        .addMethod(UNARY, ServerCalls.asyncUnaryCall((request, responses) -> {
                            responses.onNext(request);
                            responses.onCompleted();
                        }))
                        .addMethod(STREAM, ServerCalls.asyncServerStreamingCall((request, responses) -> {
                            if (request.getValue().equals("quiet")) {
                                return; // a watch that has nothing to say yet: legitimately waits
                            }
                            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
                            ticks.scheduleAtFixedRate(
                                    () -> responses.onNext(StringValue.of("tick")), 0, 200, TimeUnit.MILLISECONDS);
                        }))
                        .build())
                .build()
                .start();
        ManagedChannel channel = connected(server.getPort());
        daemon("quick-caller", () -> {
            while (true) {
                ClientCalls.blockingUnaryCall(channel, UNARY, CallOptions.DEFAULT, StringValue.of("hi"));
                Thread.sleep(20);
            }
        });
        daemon("stream-reader", () -> {
            Iterator<StringValue> ticks =
                    ClientCalls.blockingServerStreamingCall(channel, STREAM, CallOptions.DEFAULT, StringValue.of("go"));
            while (ticks.hasNext()) {
                ticks.next();
            }
        });
        daemon("quiet-watcher", () -> {
            Iterator<StringValue> quiet = ClientCalls.blockingServerStreamingCall(
                    channel, STREAM, CallOptions.DEFAULT, StringValue.of("quiet"));
            while (quiet.hasNext()) {
                quiet.next();
            }
        });
        // a pool of four doing about one 150 ms task every 200 ms: busy, never all of it
        ExecutorService pool = Executors.newFixedThreadPool(4, named("busy-"));
        Executors.newSingleThreadScheduledExecutor(named("submitter-"))
                .scheduleAtFixedRate(() -> pool.execute(() -> pause(150)), 0, 200, TimeUnit.MILLISECONDS);
    }

    private static void many(int count) {
        Object lock = new Object();
        for (int i = 0; i < count; i++) {
            daemon("parked-" + i, () -> deep(20, lock));
        }
    }

    /** Parks {@code depth} frames down, as a worker inside a framework's calls would. */
    private static void deep(int depth, Object lock) throws InterruptedException {
        if (depth > 0) {
            deep(depth - 1, lock);
            return;
        }
        synchronized (lock) {
            lock.wait();
        }
    }

    /** Runs on the blocking server's event loop: the frame the finding must name. */
    static void sleepOnTheEventLoop() {
        try {
            Thread.sleep(TimeUnit.HOURS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void slowTask() {
        pause(TimeUnit.HOURS.toMillis(1));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void daemon(String name, Body body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Exception e) {
                        System.out.println(name + " ended: " + e);
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    private static ServerServiceDefinition service(io.grpc.ServerCallHandler<StringValue, StringValue> handler) {
        return ServerServiceDefinition.builder("streamscope.test.Threads")
                .addMethod(UNARY, handler)
                .build();
    }

    private static ManagedChannel connected(int port) throws InterruptedException {
        ManagedChannel channel =
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (channel.getState(true) != ConnectivityState.READY && System.nanoTime() < connectBy) {
            Thread.sleep(10);
        }
        return channel;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
