package dev.streamscope.app.chart;

import dev.streamscope.app.jmx.gc.GcEvent;
import java.util.List;

/** One point per garbage collection (x: end time, y: duration in ms), one series per collector, in time order. */
final class GcEventDataset extends ReplaceableXYDataset<List<GcEvent>> {

    GcEvent eventAt(int series, int item) {
        return source(series).get(item);
    }

    @Override
    int itemCount(List<GcEvent> events) {
        return events.size();
    }

    @Override
    double x(List<GcEvent> events, int item) {
        return events.get(item).endEpochMillis();
    }

    @Override
    double y(List<GcEvent> events, int item) {
        return events.get(item).durationMillis();
    }
}
