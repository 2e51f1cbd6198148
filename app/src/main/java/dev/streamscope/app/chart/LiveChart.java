package dev.streamscope.app.chart;

import dev.streamscope.app.series.SeriesStore;
import java.time.ZoneId;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

/**
 * One chart of one target: a {@link JFreeChart} and its dataset, refilled from a {@link SeriesStore} on demand. Needs
 * no JavaFX: the window wraps {@link #chart()} in a viewer, headless capture hands it to {@link PngExporter}.
 *
 * <p>Refresh it while its store is held still (in the window, through the live recording's lock); draw it on the
 * thread that refreshed it, or on the FX thread after.
 */
public final class LiveChart {

    /** The window's default width before the viewer reports its real plot width. */
    public static final int DEFAULT_PLOT_WIDTH = 1_600;

    /** The shortest time axis a chart shows while its history is young. */
    private static final long MINIMUM_SPAN_MILLIS = 60_000;

    private final ChartDefinition definition;
    private final SeriesStore store;
    private final ChartContent content;
    private final ChartOverlay overlay;
    private final JFreeChart chart;
    private final DateAxis timeAxis;

    public LiveChart(ChartDefinition definition, SeriesStore store) {
        this(definition, store, ZoneId.systemDefault());
    }

    public LiveChart(ChartDefinition definition, SeriesStore store, ZoneId zone) {
        this(definition, store, zone, ChartOverlay.NONE);
    }

    /** @param overlay what the chart draws from its recording beside the store's series */
    LiveChart(ChartDefinition definition, SeriesStore store, ZoneId zone, ChartOverlay overlay) {
        this.definition = definition;
        this.store = store;
        this.content = createContent(definition, store, zone);
        this.overlay = overlay;
        this.timeAxis = new DateAxis();
        XYPlot plot = new XYPlot(content.dataset(), timeAxis, new NumberAxis(), content.renderer());
        this.chart = new JFreeChart(definition.title(), ChartStyle.TITLE_FONT, plot, true);
        ChartStyle.apply(chart, definition.unit(), TimeZone.getTimeZone(zone));
        long now = System.currentTimeMillis();
        timeAxis.setRange(TimeWindow.FIVE_MINUTES.startEpochMillis(now, Long.MAX_VALUE), now);
    }

    public ChartDefinition definition() {
        return definition;
    }

    /** The definition's stable id: "heap", "gc-pauses", … */
    public String id() {
        return definition.id();
    }

    public JFreeChart chart() {
        return chart;
    }

    /**
     * Rebuilds the dataset for the window ending at {@code nowEpochMillis}, decimated to {@code plotPixelWidth}
     * columns, and sets the time axis to the window. Listeners get exactly one chart change event, so a viewer redraws
     * once per refresh, however many series changed.
     */
    public void refresh(TimeWindow window, long nowEpochMillis, int plotPixelWidth) {
        long from = window.startEpochMillis(nowEpochMillis, store.oldestTime());
        // a history shorter than the window fills the chart (at least a minute of axis) instead of a sliver at its edge
        long oldest = store.oldestTime();
        if (oldest != Long.MAX_VALUE && oldest > from) {
            from = Math.min(oldest, nowEpochMillis - MINIMUM_SPAN_MILLIS);
        }
        long to = Math.max(nowEpochMillis, from + 1_000);
        chart.setNotify(false);
        try {
            // the time axis first: the value axis auto-ranges over the points inside it when the dataset changes
            timeAxis.setRange(from, to);
            content.refresh(from, to, Math.max(1, plotPixelWidth));
            overlay.refresh(chart.getXYPlot(), from, to);
        } finally {
            chart.setNotify(true); // fires the one change event
        }
    }

    /** Whether the store holds anything this chart draws; a chart without it shows "Waiting for data…". */
    public boolean hasData() {
        return content.hasData();
    }

    /** How many points the dataset holds now, over all series: what a draw costs. */
    public int pointCount() {
        int count = 0;
        for (int series = 0; series < content.dataset().getSeriesCount(); series++) {
            count += content.dataset().getItemCount(series);
        }
        return count;
    }

    private static ChartContent createContent(ChartDefinition definition, SeriesStore store, ZoneId zone) {
        if (definition instanceof SeriesChartDefinition lines) {
            return new SeriesChartContent(lines, store, zone);
        }
        return new GcEventChartContent((GcEventChartDefinition) definition, store, zone);
    }
}
