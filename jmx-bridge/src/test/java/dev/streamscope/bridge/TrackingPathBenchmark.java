package dev.streamscope.bridge;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bridge's own share of a server call and of a client call, without a transport around it: the events of a unary
 * call (server: intercept, one message in, half-close, one message out, close, complete; client: start through
 * grpc-java's {@code ClientCalls}, message, half-close, headers, response, close) with and without the interceptor, and
 * with creation sites off, at the default sampling and recorded for every call. Short operations like these stay
 * readable on a busy machine where whole-call throughput drowns in noise.
 *
 * <p>Sampling is by rate (walks a second), so what a call pays depends on how many calls a second share the walks:
 * {@code callsPerSecond} runs the bridge on a simulated clock that moves {@code 1 s / n} per call, so that the bridge
 * sees {@code n} calls a second however fast the benchmark loops ({@code AS_FAST}: the real clock, as fast as the
 * loop goes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrackingPathBenchmark {
    private static final ServerCall.Listener<String> APPLICATION = new ServerCall.Listener<>() {};
    private static final ServerCallHandler<String, String> HANDLER = (call, headers) -> APPLICATION;

    /** Where the bridge reads the time: the shared ticking clock it uses, or the system clock on every event. */
    @Param({"TICKING", "SYSTEM"})
    public String clock;

    /**
     * Creation sites: none recorded, the default sampling (by rate), one in n ({@code 1/n}, the ratio of earlier
     * versions, without rate) or every call's (a walk each).
     */
    @Param({"OFF", "DEFAULT", "EVERY"})
    public String sites;

    /** Calls a second as the bridge sees them: a number (simulated clock, see above) or {@code AS_FAST}. */
    @Param({"AS_FAST"})
    public String callsPerSecond;

    private long simulatedNanos = 1_700_000_000_000L * 1_000_000;
    private long stepNanos;
    private ServerInterceptor interceptor;
    private ClientInterceptor clientInterceptor;
    private final IdleClientCall.IdleChannel channel = new IdleClientCall.IdleChannel();
    private ServerCall<String, String> call;
    private Metadata headers;

    @Setup
    public void start() {
        MillisClock millis = clock.equals("SYSTEM") ? System::currentTimeMillis : TickingClock.shared();
        if (!callsPerSecond.equals("AS_FAST")) {
            stepNanos = 1_000_000_000L / Long.parseLong(callsPerSecond);
            millis = () -> simulatedNanos / 1_000_000;
        }
        OpenStreamRegistry registry = new OpenStreamRegistry(StreamScopeBridge.DEFAULT_CAPACITY, millis);
        registry.sites().sampling(sampling(sites));
        interceptor = new TrackingServerInterceptor(registry);
        clientInterceptor = new TrackingClientInterceptor(registry);
        call = new IdleServerCall(ProbeService.ECHO, 1);
        headers = new Metadata();
    }

    @Benchmark
    public ServerCall.Listener<String> unaryEventsWithoutBridge() {
        simulatedNanos += stepNanos;
        ServerCall.Listener<String> listener = HANDLER.startCall(call, headers);
        return unaryEvents(call, listener);
    }

    @Benchmark
    public ServerCall.Listener<String> unaryEventsWithBridge() {
        simulatedNanos += stepNanos;
        // The tracked call wrapper reaches the handler; replay the events on what the interceptor hands back.
        ServerCall<String, String>[] seen = capture();
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, headers, (wrapped, metadata) -> {
            seen[0] = wrapped;
            return APPLICATION;
        });
        return unaryEvents(seen[0], listener);
    }

    @Benchmark
    public Future<String> clientUnaryEventsWithoutBridge() {
        simulatedNanos += stepNanos;
        return clientUnaryEvents(channel.newCall(ProbeService.ECHO, CallOptions.DEFAULT));
    }

    @Benchmark
    public Future<String> clientUnaryEventsWithBridge() {
        simulatedNanos += stepNanos;
        return clientUnaryEvents(clientInterceptor.interceptCall(ProbeService.ECHO, CallOptions.DEFAULT, channel));
    }

    /** As an application starts a call (through the stub utilities, whose frames the walk skips), then the answer. */
    private Future<String> clientUnaryEvents(ClientCall<String, String> call) {
        Future<String> response = ClientCalls.futureUnaryCall(call, "request");
        channel.latest.answer();
        return response;
    }

    @SuppressWarnings("deprecation") // the ratio, to compare with
    private static SiteSampling sampling(String sites) {
        switch (sites) {
            case "OFF":
                return SiteSampling.off();
            case "EVERY":
                return SiteSampling.defaults().withSampleEvery(1);
            case "DEFAULT":
                return SiteSampling.defaults();
            default:
                return SiteSampling.defaults()
                        .withPerMethodRate(0)
                        .withSampleEvery(Integer.parseInt(sites.substring("1/".length())));
        }
    }

    @SuppressWarnings("unchecked")
    private static ServerCall<String, String>[] capture() {
        return new ServerCall[1];
    }

    private static ServerCall.Listener<String> unaryEvents(
            ServerCall<String, String> call, ServerCall.Listener<String> listener) {
        listener.onMessage("request");
        listener.onHalfClose();
        call.sendMessage("response");
        call.close(Status.OK, new Metadata());
        listener.onComplete();
        return listener;
    }
}
