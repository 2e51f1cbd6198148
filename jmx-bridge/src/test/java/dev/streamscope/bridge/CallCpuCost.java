package dev.streamscope.bridge;

import com.google.common.util.concurrent.ListenableFuture;
import com.sun.management.ThreadMXBean;
import io.grpc.CallOptions;
import io.grpc.stub.ClientCalls;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * CPU time and bytes allocated per unary call with and without the bridge, measured by the JVM's own thread counters
 * ({@code ThreadMXBean}), not by wall-clock throughput: on a machine shared with other work a call takes as long as
 * the scheduler lets it, but the CPU it burns stays the same.
 *
 * <p>All placements ({@link CallCostBenchmark.Placement}) run in one JVM, each with its own server and channel, in
 * interleaved batches: one batch of each per round, order rotated, after a shared warm-up. A round's placements run
 * within a fraction of a second of each other, so the machine's state (frequency, caches, neighbours) is nearly the
 * same for all of them, and each round's difference to the baseline is one sample of the bridge's cost. The result is
 * the median difference with a bootstrap 95% interval. The CPU counted is every Java thread's but the JIT compilers'
 * and the bridge's clock (a fixed cost per second, reported on its own); GC threads are not Java threads, so GC work
 * shows as allocation instead.
 *
 * <p>One JVM means one JIT profile: the baseline's calls go through grpc-java code that has also seen the bridge's
 * wrappers, which may make it slower than in a JVM without the bridge (CallCostComparison's separate forks avoid that,
 * at the price of fork-to-fork noise), so the difference may read a little low.
 *
 * <p>Usage: {@code CallCpuCost [rounds] [transport,...] [calls per batch]}, e.g. {@code 300 IN_PROCESS,NETTY 2048}.
 * In-process calls are made one after another on the calling thread; Netty calls on 127.0.0.1 with
 * {@value CallCostBenchmark#PIPELINE} in flight, served and completed on the transport's event loops.
 */
public final class CallCpuCost {

    private static final String CLOCK_THREAD = "streamscope-bridge-clock";
    private static final long WARM_UP_NANOS = 20_000_000_000L;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CallCpuCost() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        List<Transport> transports = args.length > 1
                ? Arrays.stream(args[1].split(",")).map(Transport::valueOf).toList()
                : List.of(Transport.values());
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        for (Transport transport : transports) {
            compare(transport, rounds, batch);
        }
    }

    private static void compare(Transport transport, int rounds, int batch) throws Exception {
        CallCostBenchmark.Placement[] placements = CallCostBenchmark.Placement.values();
        Map<CallCostBenchmark.Placement, Setup> setups = new EnumMap<>(CallCostBenchmark.Placement.class);
        for (CallCostBenchmark.Placement placement : placements) {
            setups.put(placement, Setup.start(transport, placement));
        }
        try {
            long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
            while (System.nanoTime() < warmUpEnd) {
                for (CallCostBenchmark.Placement placement : placements) {
                    setups.get(placement).calls(transport, batch);
                }
            }
            Map<CallCostBenchmark.Placement, double[]> cpu = new EnumMap<>(CallCostBenchmark.Placement.class);
            Map<CallCostBenchmark.Placement, double[]> bytes = new EnumMap<>(CallCostBenchmark.Placement.class);
            for (CallCostBenchmark.Placement placement : placements) {
                cpu.put(placement, new double[rounds]);
                bytes.put(placement, new double[rounds]);
            }
            long clockCpu = 0;
            long started = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < placements.length; i++) {
                    // rotate the order so no placement always follows the same one
                    CallCostBenchmark.Placement placement = placements[(round + i) % placements.length];
                    Counters before = Counters.read();
                    setups.get(placement).calls(transport, batch);
                    Counters after = Counters.read();
                    cpu.get(placement)[round] = (after.cpuSince(before)) / (double) batch;
                    bytes.get(placement)[round] = (after.bytesSince(before)) / (double) batch;
                    clockCpu += after.clockCpu - before.clockCpu;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            report(transport, rounds, batch, placements, cpu, bytes, clockCpu / seconds / 1e3);
        } finally {
            for (Setup setup : setups.values()) {
                setup.close();
            }
        }
    }

    private static void report(
            Transport transport,
            int rounds,
            int batch,
            CallCostBenchmark.Placement[] placements,
            Map<CallCostBenchmark.Placement, double[]> cpu,
            Map<CallCostBenchmark.Placement, double[]> bytes,
            double clockMicrosPerSecond) {
        double[] baseline = cpu.get(CallCostBenchmark.Placement.NONE);
        double[] baselineBytes = bytes.get(CallCostBenchmark.Placement.NONE);
        double baselineMedian = CallCostComparison.median(baseline);
        System.out.printf(
                Locale.ROOT,
                "%n%s unary calls, %d interleaved rounds of %d calls; no bridge: %.2f µs CPU and %.0f B per call"
                        + " (median); the bridge's clock thread: %.1f µs CPU per second%n",
                transport,
                rounds,
                batch,
                baselineMedian / 1e3,
                CallCostComparison.median(baselineBytes),
                clockMicrosPerSecond);
        System.out.println("placement  CPU µs/call  extra CPU ns/call (median, 95% CI)   share of the call's CPU"
                + "       extra B/call (median, 95% CI)");
        for (CallCostBenchmark.Placement placement : placements) {
            if (placement == CallCostBenchmark.Placement.NONE) {
                continue;
            }
            double[] extraCpu = new double[rounds];
            double[] extraBytes = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                extraCpu[round] = cpu.get(placement)[round] - baseline[round];
                extraBytes[round] = bytes.get(placement)[round] - baselineBytes[round];
            }
            double medianCpu = CallCostComparison.median(extraCpu);
            double[] cpuInterval = CallCostComparison.bootstrapMedianInterval(extraCpu);
            double[] bytesInterval = CallCostComparison.bootstrapMedianInterval(extraBytes);
            System.out.printf(
                    Locale.ROOT,
                    "%-9s  %11.2f  %+7.0f [%+7.0f, %+7.0f]           %+6.2f%% [%+6.2f%%, %+6.2f%%]"
                            + "   %+6.0f [%+6.0f, %+6.0f]%n",
                    placement.name().toLowerCase(Locale.ROOT),
                    CallCostComparison.median(cpu.get(placement)) / 1e3,
                    medianCpu,
                    cpuInterval[0],
                    cpuInterval[1],
                    100 * medianCpu / baselineMedian,
                    100 * cpuInterval[0] / baselineMedian,
                    100 * cpuInterval[1] / baselineMedian,
                    CallCostComparison.median(extraBytes),
                    bytesInterval[0],
                    bytesInterval[1]);
        }
    }

    /** One placement's server and channel, each with its own bridge, as {@link CallCostBenchmark} sets them up. */
    private record Setup(StreamScopeBridge tracker, Transport.Endpoints endpoints) implements AutoCloseable {

        static Setup start(Transport transport, CallCostBenchmark.Placement placement) {
            StreamScopeBridge tracker =
                    StreamScopeBridge.create("cpu-" + transport + "-" + placement, StreamScopeBridge.DEFAULT_CAPACITY);
            return new Setup(tracker, CallCostBenchmark.start(transport, placement, tracker));
        }

        void calls(Transport transport, int count) throws ExecutionException, InterruptedException {
            if (transport == Transport.IN_PROCESS) {
                for (int i = 0; i < count; i++) {
                    ClientCalls.blockingUnaryCall(endpoints.channel(), ProbeService.ECHO, CallOptions.DEFAULT, "ping");
                }
                return;
            }
            List<ListenableFuture<String>> inFlight = new ArrayList<>(CallCostBenchmark.PIPELINE);
            for (int done = 0; done < count; done += CallCostBenchmark.PIPELINE) {
                inFlight.clear();
                for (int i = 0; i < CallCostBenchmark.PIPELINE; i++) {
                    inFlight.add(ClientCalls.futureUnaryCall(
                            endpoints.channel().newCall(ProbeService.ECHO, CallOptions.DEFAULT), "ping"));
                }
                for (ListenableFuture<String> call : inFlight) {
                    call.get();
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            endpoints.close();
            tracker.close();
        }
    }

    /** CPU and allocation of every Java thread but the JIT compilers, and the bridge clock's CPU apart. */
    private record Counters(Map<Long, long[]> byThread, long clockCpu) {

        /** Thread names by id, looked up once: a look-up per read would allocate on the measuring thread. */
        private static final Map<Long, String> NAMES = new HashMap<>();

        private static String name(long id) {
            var info = THREADS.getThreadInfo(id);
            return info == null ? null : info.getThreadName();
        }

        static Counters read() {
            long[] ids = THREADS.getAllThreadIds();
            long[] cpu = THREADS.getThreadCpuTime(ids);
            long[] allocated = THREADS.getThreadAllocatedBytes(ids);
            Map<Long, long[]> byThread = new HashMap<>();
            long clockCpu = 0;
            for (int i = 0; i < ids.length; i++) {
                String name = NAMES.computeIfAbsent(ids[i], Counters::name);
                if (name == null || cpu[i] < 0) {
                    continue;
                }
                if (name.equals(CLOCK_THREAD)) {
                    clockCpu += cpu[i];
                } else if (!name.contains("CompilerThread")) {
                    byThread.put(ids[i], new long[] {cpu[i], allocated[i]});
                }
            }
            return new Counters(byThread, clockCpu);
        }

        long cpuSince(Counters before) {
            return since(before, 0);
        }

        long bytesSince(Counters before) {
            return since(before, 1);
        }

        private long since(Counters before, int which) {
            long sum = 0;
            for (Map.Entry<Long, long[]> thread : byThread.entrySet()) {
                long[] earlier = before.byThread.get(thread.getKey());
                sum += thread.getValue()[which] - (earlier == null ? 0 : earlier[which]);
            }
            return sum;
        }
    }
}
