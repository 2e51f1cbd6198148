package dev.streamscope.app.jmx.sample;

import java.util.List;

/**
 * Everything one tick read from a JVM over JMX, mapped from {@code CompositeData} at the edge. Immutable; safe to
 * hand to any thread.
 *
 * <p>The heap, live and daemon threads and the process's CPU load are read on every tick. The rest is read on a full
 * tick (every {@code RemoteJvmConnection.FULL_READ_PERIOD}) and carried over by the ticks in between: non-heap memory,
 * every memory pool with its {@code afterLastGc}, buffer pools, collectors' totals, the machine's CPU load and the peak
 * thread count (at least the live count); the uptime is read when the connection opens and advanced on this machine's
 * clock.
 *
 * @param epochMillis when the tick's reads finished, on this machine's clock
 * @param uptimeMillis the target's own uptime
 * @param processCpuLoad the target process's CPU load in [0, 1] since the previous tick, or {@code NaN} on a
 *     connection's first tick or when the target does not report its CPU time
 * @param systemCpuLoad the whole machine's CPU load in [0, 1], or {@code NaN} when the target does not report it
 * @param cost what the tick cost the target: round trips and bytes on the wire
 */
public record JvmSample(
        long epochMillis,
        long uptimeMillis,
        MemoryUsageSample heap,
        MemoryUsageSample nonHeap,
        List<MemoryPoolSample> pools,
        ThreadSample threads,
        double processCpuLoad,
        double systemCpuLoad,
        List<BufferPoolSample> bufferPools,
        List<CollectorTotals> collectors,
        PollCost cost) {

    public JvmSample {
        pools = List.copyOf(pools);
        bufferPools = List.copyOf(bufferPools);
        collectors = List.copyOf(collectors);
    }
}
