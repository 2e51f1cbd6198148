package dev.streamscope.app.series;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;

/**
 * Maps each JVM tick to the named series of a {@link SeriesStore} (keys in {@link SeriesKeys}). Memory in bytes, CPU in
 * percent, threads as counts. A value the target does not report (no heap maximum, no CPU load) is left out, not stored as zero, so a chart does not show a drop that never happened.
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

        for (MemoryPoolSample pool : sample.pools()) {
            store.append(SeriesKeys.poolUsed(pool.name()), time, pool.usage().used());
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

    /**
     * Keeps a collection and, when its notification said so, the old generation's usage right after it: the leak
     * signal. It comes from every collection's own report rather than the pools' "usage after last GC", which G1 only
     * updates when a collection touched the old generation (mixed and full collections), so it would sit at zero for
     * the first minutes of a leak.
     */
    public static void record(GcEvent event, SeriesStore store) {
        store.addGcEvent(event);
        if (event.oldGenAfterGcBytes() >= 0) {
            store.append(SeriesKeys.OLD_GEN_USED_AFTER_GC, event.endEpochMillis(), event.oldGenAfterGcBytes());
        }
    }

    /** The platform MXBean reports a negative load while it has no reading yet; that is "unknown", not 0 %. */
    private static void appendPercent(SeriesStore store, String key, long time, double load) {
        if (!Double.isNaN(load) && load >= 0) {
            store.append(key, time, load * 100.0);
        }
    }
}
