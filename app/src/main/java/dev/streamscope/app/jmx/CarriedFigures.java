package dev.streamscope.app.jmx;

import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * What a full tick read and the ticks after it carry over until the next full one: figures that change slowly (non-heap
 * pools, buffer pools, collectors' totals, peak threads) or only at a collection (each heap pool's usage after it),
 * and which pools are heap pools, which never changes.
 *
 * @param heapPools the heap pools, read on every tick
 * @param nonHeapPools the non-heap pools as the full tick read them, by name
 * @param afterLastGc each heap pool's usage after its last collection, by name; absent when it had none
 * @param uptimeMillis the target's uptime at the full tick, carried forward on this machine's clock
 * @param readAtNanos when the full tick read them, on {@link System#nanoTime()}
 */
record CarriedFigures(
        List<ObjectName> heapPools,
        Map<String, MemoryPoolSample> nonHeapPools,
        Map<String, MemoryUsageSample> afterLastGc,
        List<BufferPoolSample> bufferPools,
        List<CollectorTotals> collectors,
        int peakThreads,
        long uptimeMillis,
        long readAtNanos) {

    CarriedFigures {
        heapPools = List.copyOf(heapPools);
        nonHeapPools = Map.copyOf(nonHeapPools);
        afterLastGc = Map.copyOf(afterLastGc);
        bufferPools = List.copyOf(bufferPools);
        collectors = List.copyOf(collectors);
    }

    /** The uptime now: the full tick's, plus the time since on this machine's clock. */
    long uptimeAt(long nowNanos) {
        return uptimeMillis + (nowNanos - readAtNanos) / 1_000_000;
    }
}
