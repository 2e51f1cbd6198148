package dev.streamscope.app.chart;

import dev.streamscope.app.series.DecimatedPoints;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * An XY dataset over decimated points, one {@link DecimatedPoints} per series, with values scaled to the chart's unit
 * as they are read. It holds no per-point objects, and {@link #replace} swaps everything in one step and one event.
 */
final class PointsDataset extends AbstractXYDataset {

    private final Unit unit;
    private final List<String> names = new ArrayList<>();
    private final List<DecimatedPoints> points = new ArrayList<>();

    PointsDataset(Unit unit) {
        this.unit = unit;
    }

    /** Replaces all series and fires one change event. The lists are copied; the points objects are not. */
    void replace(List<String> seriesNames, List<DecimatedPoints> seriesPoints) {
        names.clear();
        names.addAll(seriesNames);
        points.clear();
        points.addAll(seriesPoints);
        fireDatasetChanged();
    }

    @Override
    public int getSeriesCount() {
        return names.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return names.get(series);
    }

    @Override
    public int getItemCount(int series) {
        return points.get(series).size();
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return points.get(series).timeAt(item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return unit.fromStored(points.get(series).valueAt(item));
    }

    /** Lets the renderer find the visible items by binary search. */
    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }
}
