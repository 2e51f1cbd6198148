package dev.streamscope.bridge;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
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
 * The bridge's own share of a server call, without a transport around it: the events of a unary call (intercept,
 * one message in, half-close, one message out, close, complete) with and without the interceptor. Short operations
 * like these stay readable on a busy machine where whole-call throughput drowns in noise.
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

    private ServerInterceptor interceptor;
    private ServerCall<String, String> call;
    private Metadata headers;

    @Setup
    public void start() {
        MillisClock millis = clock.equals("SYSTEM") ? System::currentTimeMillis : TickingClock.shared();
        interceptor = new TrackingServerInterceptor(new OpenStreamRegistry(StreamScopeBridge.DEFAULT_CAPACITY, millis));
        call = new IdleServerCall(ProbeService.ECHO, 1);
        headers = new Metadata();
    }

    @Benchmark
    public ServerCall.Listener<String> unaryEventsWithoutBridge() {
        ServerCall.Listener<String> listener = HANDLER.startCall(call, headers);
        return unaryEvents(call, listener);
    }

    @Benchmark
    public ServerCall.Listener<String> unaryEventsWithBridge() {
        // The tracked call wrapper reaches the handler; replay the events on what the interceptor hands back.
        ServerCall<String, String>[] seen = capture();
        ServerCall.Listener<String> listener = interceptor.interceptCall(call, headers, (wrapped, metadata) -> {
            seen[0] = wrapped;
            return APPLICATION;
        });
        return unaryEvents(seen[0], listener);
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
