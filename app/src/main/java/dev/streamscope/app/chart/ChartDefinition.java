package dev.streamscope.app.chart;

/** What one chart shows, independent of any target: a stable id (used in file names), a title and a unit. */
public sealed interface ChartDefinition permits SeriesChartDefinition, GcEventChartDefinition {

    /** Stable and file-name safe: "heap", "gc-pauses". */
    String id();

    String title();

    Unit unit();
}
