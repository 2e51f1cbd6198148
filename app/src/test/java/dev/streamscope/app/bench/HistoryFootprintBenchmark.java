package dev.streamscope.app.bench;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.BufferPoolSample;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.MemoryPoolSample;
import dev.streamscope.app.jmx.sample.MemoryUsageSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.jmx.sample.ThreadSample;
import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The heap a day of history costs for one target: 86,400 ticks of a typical G1 JVM (6 memory pools, 2 buffer pools, 3
 * collectors) through {@link JvmRecorder}, plus a young pause every 2 s and a concurrent cycle a minute in the event
 * log. The score is how long recording the day takes; the retained heap is measured after each iteration (used heap
 * after full collections, with the store, minus without it) and printed next to the array-size arithmetic.
 *
 * <p>Run: {@code mvn -B -pl app -am -DskipTests -Pbench verify -Djmh.args='HistoryFootprintBenchmark -f 1 -wi 2 -i 3'}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "-XX:+UseG1GC"})
public class HistoryFootprintBenchmark {

    private static final long MIB = 1024 * 1024;
    private static final long START = 1_800_000_000_000L;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private long usedBefore;
    private SeriesStore store;

    @Setup(Level.Iteration)
    public void measureBaseline() {
        store = null;
        usedBefore = settledHeapUsed();
    }

    @Benchmark
    public SeriesStore recordADay() {
        SeriesStore day = new SeriesStore();
        for (int second = 0; second < TimeSeriesBuffer.DEFAULT_CAPACITY; second++) {
            long time = START + second * 1_000L;
            JvmRecorder.record(sample(time, second), day);
            if (second % 2 == 0) {
                day.addGcEvent(new GcEvent(
                        time,
                        new String("G1 Young Generation"), // a notification brings fresh strings each time
                        new String("end of minor GC"),
                        new String("G1 Evacuation Pause"),
                        3 + second % 20,
                        false,
                        0,
                        0));
            }
            if (second % 60 == 0) {
                day.addGcEvent(new GcEvent(
                        time,
                        new String("G1 Concurrent GC"),
                        new String("end of concurrent GC pause"),
                        new String("G1 Evacuation Pause"),
                        40,
                        true,
                        0,
                        0));
            }
        }
        store = day;
        return day;
    }

    @TearDown(Level.Iteration)
    public void measureRetained() {
        long retained = settledHeapUsed() - usedBefore;
        long arrays = store.retainedArrayBytes();
        long eventLog = (long) store.gcEvents().capacity() * 4 // the reference array (compressed oops)
                + (long) store.gcEvents().size() * 40; // one GcEvent record each: header, 2 longs, 3 refs, flags
        System.out.printf(
                "%nretained heap: %.1f MiB measured; %.1f MiB estimated (%d series, arrays %.1f MiB,"
                        + " %d GC events %.1f MiB)%n",
                retained / (double) MIB,
                (arrays + eventLog) / (double) MIB,
                store.seriesCount(),
                arrays / (double) MIB,
                store.gcEvents().size(),
                eventLog / (double) MIB);
        store = null;
    }

    private static long settledHeapUsed() {
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    private static JvmSample sample(long time, int second) {
        long heap = (200 + second % 300) * MIB;
        return new JvmSample(
                time,
                second * 1_000L,
                new MemoryUsageSample(heap, 1024 * MIB, 2048 * MIB),
                new MemoryUsageSample(90 * MIB, 100 * MIB, -1),
                List.of(
                        pool("G1 Eden Space", true, heap / 2, null),
                        pool("G1 Old Gen", true, heap / 3, new MemoryUsageSample(heap / 4, heap, -1)),
                        pool("G1 Survivor Space", true, heap / 6, null),
                        pool("Metaspace", false, 60 * MIB, null),
                        pool("CodeHeap 'non-profiled nmethods'", false, 20 * MIB, null),
                        pool("Compressed Class Space", false, 8 * MIB, null)),
                new ThreadSample(40 + second % 7, 30, 50),
                0.2 + (second % 10) / 100.0,
                0.5,
                List.of(
                        new BufferPoolSample("direct", 20, (16 + second % 5) * MIB, 32 * MIB),
                        new BufferPoolSample("mapped", 0, 0, 0)),
                List.of(
                        new CollectorTotals("G1 Young Generation", second / 2, second),
                        new CollectorTotals("G1 Concurrent GC", second / 60, second / 10),
                        new CollectorTotals("G1 Old Generation", 0, 0)),
                PollCost.UNKNOWN);
    }

    private static MemoryPoolSample pool(String name, boolean heap, long used, MemoryUsageSample afterLastGc) {
        return new MemoryPoolSample(name, heap, new MemoryUsageSample(used, used, -1), afterLastGc);
    }
}
