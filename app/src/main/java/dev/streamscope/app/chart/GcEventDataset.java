package dev.streamscope.app.chart;

import dev.streamscope.app.jmx.GcEvent;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;

/** One point per garbage collection (x: end time, y: duration in ms), one series per collector, in time order. */
final class GcEventDataset extends AbstractXYDataset {

    private final List<String> names = new ArrayList<>();
    private final List<List<GcEvent>> events = new ArrayList<>();

    /** Replaces all series and fires one change event; each event list must be sorted by end time. */
    void replace(List<String> seriesNames, List<List<GcEvent>> seriesEvents) {
        names.clear();
        names.addAll(seriesNames);
        events.clear();
        events.addAll(seriesEvents);
        fireDatasetChanged();
    }

    GcEvent eventAt(int series, int item) {
        return events.get(series).get(item);
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
        return events.get(series).size();
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return eventAt(series, item).endEpochMillis();
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return eventAt(series, item).durationMillis();
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }
}
