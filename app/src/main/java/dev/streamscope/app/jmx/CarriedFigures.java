package dev.streamscope.app.jmx;

import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import java.time.Duration;
import java.util.List;

/**
 * What a full tick read and the ticks after it carry over until the next full one: figures that change slowly or
 * mostly at a collection (every memory pool, buffer pools, collectors' totals, peak threads, the machine's CPU load).
 *
 * @param nonHeap the non-heap memory as the full tick read it
 * @param pools every memory pool as the full tick read it, heap pools included
 * @param systemCpuLoad the whole machine's CPU load in [0, 1], or {@code NaN}
 * @param processors the processors available to the target, or 0 when it did not say
 * @param readAtNanos when the full tick read them, on {@link System#nanoTime()}
 */
record CarriedFigures(
        MemoryUsageSample nonHeap,
        List<MemoryPoolSample> pools,
        List<BufferPoolSample> bufferPools,
        List<CollectorTotals> collectors,
        int peakThreads,
        double systemCpuLoad,
        int processors,
        long readAtNanos) {

    CarriedFigures {
        pools = List.copyOf(pools);
        bufferPools = List.copyOf(bufferPools);
        collectors = List.copyOf(collectors);
    }

    /**
     * Whether the tick at {@code nowNanos} must read everything: nothing carried yet, or the carried figures are
     * {@code period} old ({@code ZERO}: every tick). The same rhythm over every transport.
     */
    static boolean fullReadDue(CarriedFigures carried, long nowNanos, Duration period) {
        return carried == null || nowNanos - carried.readAtNanos() >= period.toNanos();
    }

    /** The same figures with the collectors' totals a tick read afresh (over Jolokia, which reads counts anyway). */
    CarriedFigures withCollectors(List<CollectorTotals> fresh) {
        return new CarriedFigures(
                nonHeap, pools, bufferPools, fresh, peakThreads, systemCpuLoad, processors, readAtNanos);
    }

    /** A tick's sample: what it read itself (heap, threads, the process's CPU) with the figures carried over. */
    JvmSample sample(
            long epochMillis,
            long uptimeMillis,
            MemoryUsageSample heap,
            ThreadSample threads,
            double processCpuLoad,
            PollCost cost) {
        return new JvmSample(
                epochMillis,
                uptimeMillis,
                heap,
                nonHeap,
                pools,
                threads,
                processCpuLoad,
                systemCpuLoad,
                bufferPools,
                collectors,
                cost);
    }
}
