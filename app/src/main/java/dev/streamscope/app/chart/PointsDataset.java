package dev.streamscope.app.chart;

import dev.streamscope.app.series.DecimatedPoints;

/**
 * An XY dataset over decimated points, one {@link DecimatedPoints} per series, with values scaled to the chart's unit
 * as they are read. It holds no per-point objects, and {@link #replace} swaps everything in one step and one event.
 */
final class PointsDataset extends ReplaceableXYDataset<DecimatedPoints> {

    private final Unit unit;

    PointsDataset(Unit unit) {
        this.unit = unit;
    }

    @Override
    int itemCount(DecimatedPoints points) {
        return points.size();
    }

    @Override
    double x(DecimatedPoints points, int item) {
        return points.timeAt(item);
    }

    @Override
    double y(DecimatedPoints points, int item) {
        return unit.fromStored(points.valueAt(item));
    }
}
