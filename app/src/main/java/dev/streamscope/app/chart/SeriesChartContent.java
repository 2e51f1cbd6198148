package dev.streamscope.app.chart;

import dev.streamscope.app.series.DecimatedPoints;
import dev.streamscope.app.series.Decimator;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final DecimatedPoints EMPTY = new DecimatedPoints();

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
        double highest = Double.NEGATIVE_INFINITY;
        for (SeriesPick pick : definition.picks()) {
            if (pick.ceiling()) {
                continue;
            }
            for (String key : keysFor(pick)) {
                DecimatedPoints kept = decimate(key, fromEpochMillis, toEpochMillis, columns);
                renderer.setSeriesPaint(names.size(), colors.of(key), false);
                names.add(labelFor(pick, key));
                points.add(kept);
                highest = Math.max(highest, highest(kept));
            }
        }
        for (SeriesPick pick : definition.picks()) {
            if (pick.ceiling() && store.find(pick.key()).isPresent()) {
                DecimatedPoints kept = decimate(pick.key(), fromEpochMillis, toEpochMillis, columns);
                double limit = highest(kept);
                if (Double.isInfinite(limit)) {
                    continue;
                }
                boolean inReach = limit <= highest * SeriesPick.CEILING_REACH;
                renderer.setSeriesPaint(names.size(), colors.of(pick.key()), false);
                Unit unit = definition.unit();
                names.add(
                        pick.label() + " " + unit.format(unit.fromStored(limit)) + (inReach ? "" : " (off the scale)"));
                // out of reach: an empty series keeps the legend entry without stretching the axis
                points.add(inReach ? kept : EMPTY);
            }
        }
        renderer.setDenseAbovePoints(columns);
        dataset.replace(names, points);
    }

    @Override
    public boolean hasData() {
        for (SeriesPick pick : definition.picks()) {
            for (String key : keysFor(pick)) {
                TimeSeriesBuffer buffer = store.find(key).orElseThrow();
                for (int index = 0; index < buffer.size(); index++) {
                    if (!Double.isNaN(buffer.valueAt(index))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private DecimatedPoints decimate(String key, long fromEpochMillis, long toEpochMillis, int columns) {
        TimeSeriesBuffer buffer = store.find(key).orElseThrow();
        DecimatedPoints kept = pointsByKey.computeIfAbsent(key, unused -> new DecimatedPoints());
        Decimator.decimate(buffer, fromEpochMillis, toEpochMillis, columns, kept);
        return kept;
    }

    private static double highest(DecimatedPoints points) {
        double highest = Double.NEGATIVE_INFINITY;
        for (int index = 0; index < points.size(); index++) {
            double value = points.valueAt(index);
            if (!Double.isNaN(value)) {
                highest = Math.max(highest, value);
            }
        }
        return highest;
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
}
