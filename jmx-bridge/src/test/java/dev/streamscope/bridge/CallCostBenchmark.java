package dev.streamscope.bridge;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.grpc.stub.ClientCalls;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the bridge costs the application: blocking unary calls with no bridge, the bridge on the server only, and on
 * both ends, in the same run. Add {@code -prof gc} for bytes allocated per call ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallCostBenchmark {

    /** Where the bridge sits. */
    public enum Placement {
        NONE,
        SERVER,
        BOTH
    }

    @Param({"IN_PROCESS", "NETTY"})
    public Transport transport;

    @Param({"NONE", "SERVER", "BOTH"})
    public Placement bridge;

    private StreamScopeBridge tracker;
    private Transport.Endpoints endpoints;

    @Setup(Level.Trial)
    public void start() {
        tracker = StreamScopeBridge.create("bench-" + transport + "-" + bridge, StreamScopeBridge.DEFAULT_CAPACITY);
        List<ServerInterceptor> server =
                bridge == Placement.NONE ? List.of() : List.of(tracker.trackingServerInterceptor());
        List<ClientInterceptor> client =
                bridge == Placement.BOTH ? List.of(tracker.trackingClientInterceptor()) : List.of();
        // Calls run on the transport threads, so the figures are the call path, not executor hand-offs.
        endpoints = transport.start(server, client, true);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        endpoints.close();
        tracker.close();
    }

    @Benchmark
    public String unaryCall() {
        return ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, CallOptions.DEFAULT, "ping");
    }
}
