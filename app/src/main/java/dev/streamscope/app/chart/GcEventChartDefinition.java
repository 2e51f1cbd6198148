package dev.streamscope.app.chart;

/**
 * A scatter of garbage collections, one point per collection, one series per collector.
 *
 * @param concurrent true for concurrent cycles, false for pauses
 */
public record GcEventChartDefinition(String id, String title, boolean concurrent) implements ChartDefinition {

    @Override
    public Unit unit() {
        return Unit.MILLISECONDS;
    }
}
