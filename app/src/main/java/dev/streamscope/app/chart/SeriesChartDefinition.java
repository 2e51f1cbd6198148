package dev.streamscope.app.chart;

import java.util.List;

/** A line chart of store series over time. */
public record SeriesChartDefinition(String id, String title, Unit unit, List<SeriesPick> picks)
        implements ChartDefinition {

    public SeriesChartDefinition {
        picks = List.copyOf(picks);
    }
}
