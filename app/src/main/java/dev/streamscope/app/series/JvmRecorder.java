package dev.streamscope.app.series;

import dev.streamscope.app.jmx.BufferPoolSample;
import dev.streamscope.app.jmx.JvmSample;
import dev.streamscope.app.jmx.MemoryPoolSample;

/**
 * Maps each JVM tick to the named series of a {@link SeriesStore} (keys in {@link SeriesKeys}). Memory in bytes, CPU in
 * percent, threads as counts. A value the target does not report (no heap maximum, no CPU load, no collection of the
 * old generation yet) is left out, not stored as zero, so a chart does not show a drop that never happened.
 */
public final class JvmRecorder {

    private JvmRecorder() {}

    public static void record(JvmSample sample, SeriesStore store) {
        long time = sample.epochMillis();
        store.append(SeriesKeys.HEAP_USED, time, sample.heap().used());
        store.append(SeriesKeys.HEAP_COMMITTED, time, sample.heap().committed());
        if (sample.heap().hasMax()) {
            store.append(SeriesKeys.HEAP_MAX, time, sample.heap().max());
        }

        long oldGenerationAfterGc = 0;
        boolean oldGenerationCollected = false;
        for (MemoryPoolSample pool : sample.pools()) {
            store.append(SeriesKeys.poolUsed(pool.name()), time, pool.usage().used());
            if (pool.afterLastGc() != null && OldGenerationPools.isOldGeneration(pool.name())) {
                oldGenerationAfterGc += pool.afterLastGc().used();
                oldGenerationCollected = true;
            }
        }
        if (oldGenerationCollected) {
            store.append(SeriesKeys.OLD_GEN_USED_AFTER_GC, time, oldGenerationAfterGc);
        }

        store.append(SeriesKeys.THREADS_LIVE, time, sample.threads().live());
        store.append(SeriesKeys.THREADS_DAEMON, time, sample.threads().daemon());
        store.append(SeriesKeys.THREADS_PEAK, time, sample.threads().peak());

        appendPercent(store, SeriesKeys.CPU_PROCESS, time, sample.processCpuLoad());
        appendPercent(store, SeriesKeys.CPU_SYSTEM, time, sample.systemCpuLoad());

        for (BufferPoolSample buffers : sample.bufferPools()) {
            store.append(SeriesKeys.bufferUsed(buffers.name()), time, buffers.memoryUsedBytes());
            store.append(SeriesKeys.bufferCapacity(buffers.name()), time, buffers.totalCapacityBytes());
        }
    }

    /** The platform MXBean reports a negative load while it has no reading yet; that is "unknown", not 0 %. */
    private static void appendPercent(SeriesStore store, String key, long time, double load) {
        if (!Double.isNaN(load) && load >= 0) {
            store.append(key, time, load * 100.0);
        }
    }
}
