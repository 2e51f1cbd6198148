package dev.streamscope.app.jmx;

import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
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
}
