package dev.streamscope.app.chart;

import dev.streamscope.app.series.DecimatedPoints;
import dev.streamscope.app.series.Decimator;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;

/** Lines of store series, decimated to the plot's width on every refresh. */
final class SeriesChartContent implements ChartContent {

    private final SeriesChartDefinition definition;
    private final SeriesStore store;
    private final PointsDataset dataset;
    private final DensityAwareLineRenderer renderer;
    /** Reused across refreshes so a steady refresh allocates nothing per point. */
    private final Map<String, DecimatedPoints> pointsByKey = new HashMap<>();

    private final SeriesColors colors = new SeriesColors();

    SeriesChartContent(SeriesChartDefinition definition, SeriesStore store, ZoneId zone) {
        this.definition = definition;
        this.store = store;
        this.dataset = new PointsDataset(definition.unit());
        this.renderer = new DensityAwareLineRenderer();
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(ChartStyle.LINE_STROKE, false);
        renderer.setDefaultToolTipGenerator(new ValueToolTips(definition.unit(), zone));
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
        List<String> names = new ArrayList<>();
        List<DecimatedPoints> points = new ArrayList<>();
        for (SeriesPick pick : definition.picks()) {
            for (String key : keysFor(pick)) {
                TimeSeriesBuffer buffer = store.find(key).orElseThrow();
                DecimatedPoints kept = pointsByKey.computeIfAbsent(key, unused -> new DecimatedPoints());
                Decimator.decimate(buffer, fromEpochMillis, toEpochMillis, columns, kept);
                renderer.setSeriesPaint(names.size(), colors.of(key), false);
                names.add(labelFor(pick, key));
                points.add(kept);
            }
        }
        renderer.setDenseAbovePoints(columns);
        dataset.replace(names, points);
    }

    private List<String> keysFor(SeriesPick pick) {
        if (pick.prefix()) {
            return store.keysStartingWith(pick.key());
        }
        return store.find(pick.key()).isPresent() ? List.of(pick.key()) : List.of();
    }

    private static String labelFor(SeriesPick pick, String key) {
        return pick.prefix() ? SeriesKeys.nameAfter(pick.key(), key) + pick.label() : pick.label();
    }

    /** "used: 412.3 MiB at 09:45:01". */
    private static final class ValueToolTips implements XYToolTipGenerator {
        private final Unit unit;
        private final DateTimeFormatter time;

        ValueToolTips(Unit unit, ZoneId zone) {
            this.unit = unit;
            this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        }

        @Override
        public String generateToolTip(XYDataset dataset, int series, int item) {
            double value = dataset.getYValue(series, item);
            Instant at = Instant.ofEpochMilli((long) dataset.getXValue(series, item));
            String shown = Double.isNaN(value) ? "no data" : unit.format(value);
            return dataset.getSeriesKey(series) + ": " + shown + " at " + time.format(at);
        }
    }
}
