package dev.streamscope.app.chart;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * An XY dataset whose series, a name and a source of points each, are all replaced in one step with one change event.
 * Subclasses say how to read a point from a series' source; items are in ascending time order.
 *
 * @param <S> one series' source of points
 */
abstract class ReplaceableXYDataset<S> extends AbstractXYDataset {

    private final List<String> names = new ArrayList<>();
    private final List<S> sources = new ArrayList<>();

    /** Replaces all series and fires one change event. The lists are copied; their elements are not. */
    void replace(List<String> seriesNames, List<S> seriesSources) {
        names.clear();
        names.addAll(seriesNames);
        sources.clear();
        sources.addAll(seriesSources);
        fireDatasetChanged();
    }

    S source(int series) {
        return sources.get(series);
    }

    abstract int itemCount(S source);

    abstract double x(S source, int item);

    abstract double y(S source, int item);

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
        return itemCount(sources.get(series));
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return x(sources.get(series), item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return y(sources.get(series), item);
    }

    /** Lets the renderer find the visible items by binary search. */
    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }
}
