package dev.streamscope.app.series;

import static dev.streamscope.app.series.TestSamples.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmRecorderTest {

    @Test
    void mapsATypicalG1SampleToNamedSeries() {
        SeriesStore store = new SeriesStore();

        JvmRecorder.record(TestSamples.g1(10_000, 300), store);

        assertThat(store.keys())
                .containsExactly(
                        "heap.used",
                        "heap.committed",
                        "heap.max",
                        "pool.used.G1 Eden Space",
                        "pool.used.G1 Old Gen",
                        "pool.used.G1 Survivor Space",
                        "pool.used.Metaspace",
                        "pool.used.CodeHeap 'non-profiled nmethods'",
                        "pool.used.Compressed Class Space",
                        "threads.live",
                        "threads.daemon",
                        "threads.peak",
                        "cpu.process",
                        "cpu.system",
                        "buffer.used.direct",
                        "buffer.capacity.direct",
                        "buffer.used.mapped",
                        "buffer.capacity.mapped");
        assertThat(value(store, SeriesKeys.HEAP_USED)).isEqualTo(300.0 * MIB);
        assertThat(value(store, SeriesKeys.HEAP_MAX)).isEqualTo(1024.0 * MIB);
        assertThat(value(store, SeriesKeys.poolUsed("G1 Old Gen"))).isEqualTo(100.0 * MIB);
        assertThat(store.find(SeriesKeys.OLD_GEN_USED_AFTER_GC))
                .as("the leak signal comes from collections, not from ticks")
                .isEmpty();
        assertThat(value(store, SeriesKeys.THREADS_DAEMON)).isEqualTo(30);
        assertThat(value(store, SeriesKeys.CPU_PROCESS)).isEqualTo(25.0);
        assertThat(value(store, SeriesKeys.CPU_SYSTEM)).isEqualTo(50.0);
        assertThat(value(store, SeriesKeys.bufferCapacity("mapped"))).isEqualTo(4.0 * MIB);
        assertThat(store.find(SeriesKeys.HEAP_USED).orElseThrow().newestTime()).isEqualTo(10_000);
    }

    @Test
    void eachCollectionThatReportsTheOldGenerationAddsALeakSignalPoint() {
        SeriesStore store = new SeriesStore();

        JvmRecorder.record(
                new GcEvent(5_000, "G1 Young Generation", "end of minor GC", "cause", 3, false, 0, 41, 70 * MIB),
                store);
        JvmRecorder.record(
                new GcEvent(6_000, "G1 Young Generation", "end of minor GC", "cause", 3, false, 0, 42, 75 * MIB),
                store);
        JvmRecorder.record(new GcEvent(7_000, "G1 Young Generation", "recovered", "unknown", 9, false, 2, 0), store);

        assertThat(value(store, SeriesKeys.OLD_GEN_USED_AFTER_GC)).isEqualTo(75.0 * MIB);
        assertThat(store.find(SeriesKeys.OLD_GEN_USED_AFTER_GC).orElseThrow().newestTime())
                .isEqualTo(6_000);
        assertThat(store.gcEvents().size()).isEqualTo(3);
    }

    @Test
    void leavesOutWhatTheTargetDoesNotReport() {
        SeriesStore store = new SeriesStore();
        JvmSample sample = new JvmSample(
                1_000,
                1,
                new MemoryUsageSample(MIB, 2 * MIB, -1),
                new MemoryUsageSample(MIB, MIB, -1),
                List.of(TestSamples.pool("G1 Old Gen", true, MIB, null)),
                new ThreadSample(1, 1, 1),
                Double.NaN,
                -1.0,
                List.of(),
                List.of(),
                PollCost.UNKNOWN);

        JvmRecorder.record(sample, store);

        assertThat(store.find(SeriesKeys.HEAP_MAX)).isEmpty();
        assertThat(store.find(SeriesKeys.OLD_GEN_USED_AFTER_GC)).isEmpty();
        assertThat(store.find(SeriesKeys.CPU_PROCESS)).isEmpty();
        assertThat(store.find(SeriesKeys.CPU_SYSTEM)).isEmpty();
        assertThat(store.find(SeriesKeys.poolUsed("G1 Old Gen"))).isPresent();
    }

    private static JvmSample sampleWithPools(dev.streamscope.app.jmx.sample.MemoryPoolSample... pools) {
        JvmSample base = TestSamples.g1(1_000, 10);
        return new JvmSample(
                base.epochMillis(),
                base.uptimeMillis(),
                base.heap(),
                base.nonHeap(),
                List.of(pools),
                base.threads(),
                base.processCpuLoad(),
                base.systemCpuLoad(),
                base.bufferPools(),
                base.collectors(),
                base.cost());
    }

    private static double value(SeriesStore store, String key) {
        return store.find(key).orElseThrow().newestValue();
    }
}
