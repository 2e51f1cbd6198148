package dev.streamscope.app.chart;

import dev.streamscope.app.base.ClockText;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.series.GcEventLog;
import dev.streamscope.app.series.SeriesStore;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * One point per collection, one series per collector; collections recovered from the collectors' totals (missed
 * notifications) get their own series per collector, drawn as diamonds, so a reader does not take them for one long
 * pause. Like lines, the points are decimated: per pixel column and series, the shortest and the longest collection.
 */
final class GcEventChartContent implements ChartContent {

    static final String RECOVERED_SUFFIX = " (recovered from totals)";

    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Shape DIAMOND = diamond(5);

    private final GcEventChartDefinition definition;
    private final SeriesStore store;
    private final GcEventDataset dataset = new GcEventDataset();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    /** By collector: its recovered points share its colour. */
    private final SeriesColors colors = new SeriesColors();

    GcEventChartContent(GcEventChartDefinition definition, SeriesStore store, ZoneId zone) {
        this.definition = definition;
        this.store = store;
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setDefaultShape(DOT, false);
        renderer.setDefaultToolTipGenerator(new EventToolTips(dataset, zone));
    }

    @Override
    public XYDataset dataset() {
        return dataset;
    }

    @Override
    public XYItemRenderer renderer() {
        return renderer;
    }

    @Override
    public void refresh(long fromEpochMillis, long toEpochMillis, int columns) {
        Map<String, List<GcEvent>> bySeries = new LinkedHashMap<>();
        store.gcEvents().forEachBetween(fromEpochMillis, toEpochMillis, event -> {
            if (event.concurrent() == definition.concurrent()) {
                String name = event.recovered() ? event.collector() + RECOVERED_SUFFIX : event.collector();
                bySeries.computeIfAbsent(name, unused -> new ArrayList<>()).add(event);
            }
        });
        List<String> names = new ArrayList<>();
        List<List<GcEvent>> events = new ArrayList<>();
        for (Map.Entry<String, List<GcEvent>> series : bySeries.entrySet()) {
            List<GcEvent> sorted = series.getValue();
            sorted.sort(Comparator.comparingLong(GcEvent::endEpochMillis));
            GcEvent first = sorted.get(0);
            int index = names.size();
            renderer.setSeriesPaint(index, colors.of(first.collector()), false);
            renderer.setSeriesShape(index, first.recovered() ? DIAMOND : DOT, false);
            names.add(series.getKey());
            events.add(decimate(sorted, fromEpochMillis, toEpochMillis, columns));
        }
        dataset.replace(names, events);
    }

    /** Per pixel column, the shortest and the longest collection, in time order. */
    static List<GcEvent> decimate(List<GcEvent> sorted, long from, long to, int columns) {
        if (sorted.size() <= 2L * columns) {
            return sorted;
        }
        long span = Math.max(1, to - from);
        List<GcEvent> kept = new ArrayList<>();
        int columnStart = 0;
        while (columnStart < sorted.size()) {
            long column = columnOf(sorted.get(columnStart), from, span, columns);
            int shortest = columnStart;
            int longest = columnStart;
            int index = columnStart + 1;
            while (index < sorted.size() && columnOf(sorted.get(index), from, span, columns) == column) {
                long duration = sorted.get(index).durationMillis();
                if (duration < sorted.get(shortest).durationMillis()) {
                    shortest = index;
                }
                if (duration > sorted.get(longest).durationMillis()) {
                    longest = index;
                }
                index++;
            }
            kept.add(sorted.get(Math.min(shortest, longest)));
            if (shortest != longest) {
                kept.add(sorted.get(Math.max(shortest, longest)));
            }
            columnStart = index;
        }
        return kept;
    }

    private static long columnOf(GcEvent event, long from, long span, int columns) {
        long column = (event.endEpochMillis() - from) * columns / span;
        return Math.max(0, Math.min(columns - 1, column));
    }

    private static Shape diamond(double half) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, -half);
        path.lineTo(half, 0);
        path.lineTo(0, half);
        path.lineTo(-half, 0);
        path.closePath();
        return path;
    }

    /**
     * "G1 Young Generation: 12 ms, G1 Evacuation Pause (end of minor GC) at 09:45:01", or for a recovered point "G1
     * Young Generation: 12 collections recovered from totals, 340 ms in all, by 09:45:01".
     */
    static final class EventToolTips implements XYToolTipGenerator {
        private final GcEventDataset dataset;
        private final DateTimeFormatter time;

        EventToolTips(GcEventDataset dataset, ZoneId zone) {
            this.dataset = dataset;
            this.time = ClockText.formatter(zone);
        }

        @Override
        public String generateToolTip(XYDataset ignored, int series, int item) {
            return describe(dataset.eventAt(series, item));
        }

        String describe(GcEvent event) {
            String at = time.format(Instant.ofEpochMilli(event.endEpochMillis()));
            String duration = Unit.MILLISECONDS.format(event.durationMillis());
            if (event.recovered()) {
                String collections = event.recoveredCount() == 1 ? " collection" : " collections";
                return event.collector() + ": " + event.recoveredCount() + collections + " recovered from totals, "
                        + duration + " in all, by " + at;
            }
            return event.collector() + ": " + duration + ", " + event.cause() + " (" + event.action() + ") at " + at;
        }
    }

    @Override
    public boolean hasData() {
        GcEventLog log = store.gcEvents();
        for (int index = 0; index < log.size(); index++) {
            if (log.get(index).concurrent() == definition.concurrent()) {
                return true;
            }
        }
        return false;
    }
}
