package dev.streamscope.app.jmx;

import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * What a full tick read and the ticks after it carry over until the next full one: figures that change slowly (non-heap
 * pools, buffer pools, collectors' totals, peak threads, the machine's CPU load) or only at a collection (each heap
 * pool's usage after it), and which pools are heap pools, which never changes.
 *
 * @param heap the heap as the full tick read it from {@code java.lang:type=Memory}
 * @param nonHeap the non-heap memory as the full tick read it
 * @param heapIsSumOfPools whether at the full tick the heap pools' committed sizes added up to the heap's
 * @param heapPools the heap pools, read on every tick
 * @param nonHeapPools the non-heap pools as the full tick read them, by name
 * @param afterLastGc each heap pool's usage after its last collection, by name; absent when it had none
 * @param systemCpuLoad the whole machine's CPU load in [0, 1], or {@code NaN}
 * @param processors the processors available to the target, or 0 when it did not say
 * @param readAtNanos when the full tick read them, on {@link System#nanoTime()}
 */
record CarriedFigures(
        MemoryUsageSample heap,
        MemoryUsageSample nonHeap,
        boolean heapIsSumOfPools,
        List<ObjectName> heapPools,
        Map<String, MemoryPoolSample> nonHeapPools,
        Map<String, MemoryUsageSample> afterLastGc,
        List<BufferPoolSample> bufferPools,
        List<CollectorTotals> collectors,
        int peakThreads,
        double systemCpuLoad,
        int processors,
        long readAtNanos) {

    CarriedFigures {
        heapPools = List.copyOf(heapPools);
        nonHeapPools = Map.copyOf(nonHeapPools);
        afterLastGc = Map.copyOf(afterLastGc);
        bufferPools = List.copyOf(bufferPools);
        collectors = List.copyOf(collectors);
    }

    /**
     * The heap summed from this tick's heap pools, as HotSpot computes {@code HeapMemoryUsage} itself (used and
     * committed are the pools' sums, max the heap's), so a tick needs no {@code Memory} read. {@code null} when a heap
     * pool is missing from {@code pools}, or when at the full tick the pools' committed sizes did not add up to the
     * heap's (a JVM that computes it otherwise): then read the heap.
     */
    MemoryUsageSample heapFrom(List<MemoryPoolSample> pools) {
        return heapIsSumOfPools ? summedHeap(pools, heap, heapPools.size()) : null;
    }

    /** The heap pools among {@code pools} summed, with {@code heap}'s max; {@code null} unless there are as many. */
    static MemoryUsageSample summedHeap(List<MemoryPoolSample> pools, MemoryUsageSample heap, int heapPoolCount) {
        long used = 0;
        long committed = 0;
        int count = 0;
        for (MemoryPoolSample pool : pools) {
            if (pool.heap()) {
                used += pool.usage().used();
                committed += pool.usage().committed();
                count++;
            }
        }
        return heap == null || count != heapPoolCount ? null : new MemoryUsageSample(used, committed, heap.max());
    }
}
