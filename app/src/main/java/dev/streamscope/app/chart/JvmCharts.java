package dev.streamscope.app.chart;

import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The charts of one JVM target, in the order a dashboard shows them. */
public final class JvmCharts {

    public static final SeriesChartDefinition HEAP = new SeriesChartDefinition(
            "heap",
            "Heap",
            Unit.MEBIBYTES,
            List.of(
                    SeriesPick.exact(SeriesKeys.HEAP_USED, "used"),
                    SeriesPick.exact(SeriesKeys.HEAP_COMMITTED, "committed"),
                    SeriesPick.ceiling(SeriesKeys.HEAP_MAX, "max")));

    public static final SeriesChartDefinition MEMORY_POOLS = new SeriesChartDefinition(
            "memory-pools",
            "Memory pools (used)",
            Unit.MEBIBYTES,
            List.of(SeriesPick.startingWith(SeriesKeys.POOL_USED_PREFIX, "")));

    public static final SeriesChartDefinition OLD_GEN_AFTER_GC = new SeriesChartDefinition(
            "old-gen-after-gc",
            "Old generation after GC (rising = live data growing)",
            Unit.MEBIBYTES,
            List.of(SeriesPick.exact(SeriesKeys.OLD_GEN_USED_AFTER_GC, "old generation after GC")));

    public static final GcEventChartDefinition GC_PAUSES = new GcEventChartDefinition("gc-pauses", "GC pauses", false);

    public static final GcEventChartDefinition GC_CONCURRENT =
            new GcEventChartDefinition("gc-concurrent", "GC concurrent cycles", true);

    public static final SeriesChartDefinition THREADS = new SeriesChartDefinition(
            "threads",
            "Threads",
            Unit.COUNT,
            List.of(
                    SeriesPick.exact(SeriesKeys.THREADS_LIVE, "live"),
                    SeriesPick.exact(SeriesKeys.THREADS_DAEMON, "daemon"),
                    SeriesPick.exact(SeriesKeys.THREADS_PEAK, "peak")));

    public static final SeriesChartDefinition CPU = new SeriesChartDefinition(
            "cpu",
            "CPU",
            Unit.PERCENT,
            List.of(
                    SeriesPick.exact(SeriesKeys.CPU_PROCESS, "process"),
                    SeriesPick.exact(SeriesKeys.CPU_SYSTEM, "system")));

    public static final SeriesChartDefinition BUFFER_POOLS = new SeriesChartDefinition(
            "buffer-pools",
            "Buffer pools",
            Unit.MEBIBYTES,
            List.of(
                    SeriesPick.startingWith(SeriesKeys.BUFFER_USED_PREFIX, " used"),
                    SeriesPick.startingWith(SeriesKeys.BUFFER_CAPACITY_PREFIX, " capacity")));

    private static final List<ChartDefinition> ALL =
            List.of(HEAP, MEMORY_POOLS, OLD_GEN_AFTER_GC, GC_PAUSES, GC_CONCURRENT, THREADS, CPU, BUFFER_POOLS);

    private JvmCharts() {}

    public static List<ChartDefinition> all() {
        return ALL;
    }

    public static Optional<ChartDefinition> byId(String id) {
        return ALL.stream().filter(definition -> definition.id().equals(id)).findFirst();
    }

    /** One live chart per definition, all drawing from {@code store}; call from the store's owner thread. */
    public static List<LiveChart> createAll(SeriesStore store) {
        List<LiveChart> charts = new ArrayList<>();
        for (ChartDefinition definition : ALL) {
            charts.add(new LiveChart(definition, store));
        }
        return charts;
    }
}
