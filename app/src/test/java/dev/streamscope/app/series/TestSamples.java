package dev.streamscope.app.series;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import java.util.List;

/**
 * Hand-built samples of a typical G1 JVM. These are our own immutable records, so building them by hand is the real
 * thing, not a fake: what a JMX connection produces is tested where it is mapped.
 */
public final class TestSamples {

    public static final long MIB = 1024 * 1024;

    private TestSamples() {}

    /** A G1 JVM at {@code epochMillis} with {@code heapUsedMib} used; other figures derive from it. */
    public static JvmSample g1(long epochMillis, long heapUsedMib) {
        return g1(epochMillis, heapUsedMib, -1);
    }

    /** The same with an old generation whose max is {@code oldGenMaxMib} (-1: none), as a live-set trend needs. */
    public static JvmSample g1(long epochMillis, long heapUsedMib, long oldGenMaxMib) {
        long used = heapUsedMib * MIB;
        long oldGenMax = oldGenMaxMib < 0 ? -1 : oldGenMaxMib * MIB;
        return new JvmSample(
                epochMillis,
                60_000,
                new MemoryUsageSample(used, 512 * MIB, 1024 * MIB),
                new MemoryUsageSample(80 * MIB, 90 * MIB, -1),
                List.of(
                        pool("G1 Eden Space", true, used / 2, null),
                        new MemoryPoolSample(
                                "G1 Old Gen",
                                true,
                                new MemoryUsageSample(used / 3, used / 3 * 2, oldGenMax),
                                new MemoryUsageSample(used / 4, 256 * MIB, 1024 * MIB)),
                        pool("G1 Survivor Space", true, used / 6, null),
                        pool("Metaspace", false, 40 * MIB, null),
                        pool("CodeHeap 'non-profiled nmethods'", false, 10 * MIB, null),
                        pool("Compressed Class Space", false, 5 * MIB, null)),
                new ThreadSample(42, 30, 45),
                0.25,
                0.5,
                List.of(
                        new BufferPoolSample("direct", 12, 16 * MIB, 16 * MIB),
                        new BufferPoolSample("mapped", 1, 0, 4 * MIB)),
                List.of(
                        new CollectorTotals("G1 Young Generation", 10, 120),
                        new CollectorTotals("G1 Concurrent GC", 2, 30),
                        new CollectorTotals("G1 Old Generation", 0, 0)),
                new PollCost(4, 1_000, 20_000));
    }

    public static MemoryPoolSample pool(String name, boolean heap, long used, MemoryUsageSample afterLastGc) {
        return new MemoryPoolSample(name, heap, new MemoryUsageSample(used, used * 2, -1), afterLastGc);
    }

    public static GcEvent youngPause(long endEpochMillis, long durationMillis) {
        return new GcEvent(
                endEpochMillis,
                "G1 Young Generation",
                "end of minor GC",
                "G1 Evacuation Pause",
                durationMillis,
                false,
                0,
                0);
    }

    public static GcEvent concurrentCycle(long endEpochMillis, long durationMillis) {
        return new GcEvent(
                endEpochMillis,
                "G1 Concurrent GC",
                "end of concurrent GC pause",
                "G1 Evacuation Pause",
                durationMillis,
                true,
                0,
                0);
    }

    public static GcEvent recovered(long endEpochMillis, int count, long totalMillis) {
        return new GcEvent(
                endEpochMillis, "G1 Young Generation", "end of minor GC", "unknown", totalMillis, false, count, 0);
    }
}
