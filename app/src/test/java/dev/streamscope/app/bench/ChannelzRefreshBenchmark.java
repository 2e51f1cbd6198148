package dev.streamscope.app.bench;

import com.google.protobuf.StringValue;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzClient;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.channelz.ChannelzWalkSettings;
import dev.streamscope.app.channelz.ChannelzWalker;
import dev.streamscope.app.channelz.IgnoringObserver;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.ChannelzService;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full channelz refresh of a big tree on loopback: one server with {@code channels} client channels (one socket
 * each) and {@code streamsPerChannel} leaked bidi streams on each, so 1,000 client sockets, 1,000 server sockets and
 * 12,000 open streams by default. Compares the concurrent walker with the sequential blocking walk the existing CLI
 * tools do, in the same run; sample mode reports the median (p0.50).
 *
 * <p>The sequential walk is bimodal on the 2-core VM we measure on: about 0.6 s a walk while the JIT's threads still
 * keep the cores busy, then 1.5 s with twice the CPU per RPC on both sides, likely because each RPC then wakes an idle
 * core. Only a long run gives a stable median; the concurrent walk keeps its threads busy and stays within a few
 * percent.
 *
 * <p>The target (its server, its channels, their threads) runs on its own named threads, so that each iteration can
 * also print the CPU time per RPC spent by the walker's side and by the target's side: on a 2-core machine that both
 * share, their sum bounds how fast any concurrent walk can be.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
// Long warm-up: both walks keep getting faster for some 15 s on 2 cores while the JIT compiles gRPC and Netty; the
// first session's 2 × 2 s measured that ramp (concurrent 279 to 335 ms instead of the steady 243 ms).
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 6, time = 3)
public class ChannelzRefreshBenchmark {

    private static final MethodDescriptor<StringValue, StringValue> CHAT =
            MethodDescriptor.<StringValue, StringValue>newBuilder()
                    .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                    .setFullMethodName("streamscope.bench.Echo/Chat")
                    .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                    .build();

    @Param("1000")
    int channels;

    @Param("12")
    int streamsPerChannel;

    @Param("128")
    int maxInFlight;

    private final TargetThreads targetThreads = new TargetThreads();
    private final CpuPerCall cpu = new CpuPerCall(TargetThreads.PREFIX);
    private Server server;
    private final List<ManagedChannel> clients = new ArrayList<>();
    private final AtomicInteger serverStreams = new AtomicInteger();
    private ChannelzClient channelzClient;
    private ChannelzWalker walker;
    private ManagedChannel sequentialChannel;
    private SequentialChannelzWalk sequential;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = targetThreads
                .serve(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
                .addService(ChannelzService.newInstance(100))
                .addService(ServerServiceDefinition.builder("streamscope.bench.Echo")
                        .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(responses -> {
                            serverStreams.incrementAndGet();
                            return new IgnoringObserver();
                        }))
                        .build())
                .build()
                .start();
        for (int i = 0; i < channels; i++) {
            ManagedChannel channel = targetThreads
                    .connect(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()))
                    .usePlaintext()
                    .build();
            clients.add(channel);
            for (int s = 0; s < streamsPerChannel; s++) {
                ClientCalls.asyncBidiStreamingCall(channel.newCall(CHAT, CallOptions.DEFAULT), new IgnoringObserver())
                        .onNext(StringValue.of("leak"));
            }
        }
        long expected = (long) channels * streamsPerChannel;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (serverStreams.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + serverStreams.get() + " of " + expected + " streams opened");
            }
            Thread.sleep(50); // setup only, outside measurement
        }
        ChannelzAddress address = new ChannelzAddress("127.0.0.1", server.getPort());
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        channelzClient = ChannelzClient.open(ChannelzTarget.plaintext(address), timeouts);
        walker = new ChannelzWalker(
                channelzClient,
                ChannelzWalkSettings.DEFAULT.withMaxInFlight(maxInFlight).withRefreshDeadline(Duration.ofSeconds(30)));
        sequentialChannel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .maxInboundMessageSize(ChannelzClient.MAX_INBOUND_MESSAGE_BYTES)
                .build();
        sequential = new SequentialChannelzWalk(sequentialChannel, 100, Duration.ofSeconds(10));
        ChannelzSnapshot check = walker.refresh();
        if (check.totals().serverOpenStreams() < expected || check.totals().clientSockets() < channels) {
            throw new IllegalStateException("the tree is smaller than set up: " + check.totals());
        }
        System.out.println("tree: " + check.totals() + ", " + check.remoteCalls() + " RPCs per refresh");
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        cpu.start();
    }

    @Benchmark
    public ChannelzSnapshot concurrentWalker() throws TargetProblem, InterruptedException {
        return cpu.count(walker.refresh());
    }

    @Benchmark
    public ChannelzSnapshot sequentialBlockingWalk() {
        return cpu.count(sequential.walk());
    }

    @TearDown(Level.Iteration)
    public void printCpu() {
        System.out.println(cpu.report());
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        channelzClient.close();
        sequentialChannel.shutdownNow();
        clients.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
        targetThreads.close();
    }
}
