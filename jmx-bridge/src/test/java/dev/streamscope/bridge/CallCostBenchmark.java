package dev.streamscope.bridge;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the bridge costs the application: unary calls with no bridge, with the bridge on the server (through
 * {@code ServerBuilder.intercept}, or bound to the service with {@code ServerInterceptors.intercept}), and on both
 * ends, in the same run. Add {@code -prof gc} for bytes allocated per call ({@code gc.alloc.rate.norm}).
 *
 * <p>Two loads: {@link #unaryCall} waits for each call before the next (latency-bound, as a single caller sees it);
 * {@link #pipelinedUnaryCalls} keeps {@value #PIPELINE} calls in flight, so the transport threads stay busy and
 * throughput is bound by CPU per call, which is what a loaded service pays for the bridge. Over Netty on a shared
 * 2-core machine the first varies by ±30% from fork to fork on thread wake-ups alone; the second much less.
 * {@link CallCostComparison} runs these as paired rounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallCostBenchmark {

    static final int PIPELINE = 32;

    /** Where the bridge sits. */
    public enum Placement {
        NONE,
        /** {@code ServerBuilder.intercept}: grpc-java wraps the handler per call, 24 bytes of its own. */
        SERVER,
        /** {@code ServerInterceptors.intercept(service, …)}: wrapped once, when the service is bound. */
        SERVICE,
        /** Server as {@link #SERVER}, and the client interceptor on the channel: each call is tracked twice. */
        BOTH
    }

    @Param({"IN_PROCESS", "NETTY"})
    public Transport transport;

    @Param({"NONE", "SERVER", "SERVICE", "BOTH"})
    public Placement bridge;

    private StreamScopeBridge tracker;
    private Transport.Endpoints endpoints;

    @Setup(Level.Trial)
    public void start() {
        tracker = StreamScopeBridge.create("bench-" + transport + "-" + bridge, StreamScopeBridge.DEFAULT_CAPACITY);
        endpoints = start(transport, bridge, tracker);
    }

    /** A server and channel with {@code tracker}'s interceptors where {@code placement} puts them. */
    static Transport.Endpoints start(Transport transport, Placement placement, StreamScopeBridge tracker) {
        ServerServiceDefinition service = placement == Placement.SERVICE
                ? ServerInterceptors.intercept(ProbeService.definition(), tracker.trackingServerInterceptor())
                : ProbeService.definition();
        List<ServerInterceptor> server = placement == Placement.SERVER || placement == Placement.BOTH
                ? List.of(tracker.trackingServerInterceptor())
                : List.of();
        List<ClientInterceptor> client =
                placement == Placement.BOTH ? List.of(tracker.trackingClientInterceptor()) : List.of();
        // Calls run on the transport threads, so the figures are the call path, not executor hand-offs.
        return transport.start(service, server, client, true);
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

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public int pipelinedUnaryCalls() throws ExecutionException, InterruptedException {
        List<ListenableFuture<String>> calls = new ArrayList<>(PIPELINE);
        for (int i = 0; i < PIPELINE; i++) {
            calls.add(ClientCalls.futureUnaryCall(
                    endpoints.channel().newCall(ProbeService.ECHO, CallOptions.DEFAULT), "ping"));
        }
        int length = 0;
        for (ListenableFuture<String> call : calls) {
            length += call.get().length();
        }
        return length;
    }
}
