package dev.streamscope.app.chart;

import dev.streamscope.app.series.DecimatedPoints;
import dev.streamscope.app.streams.LiveSetTrend;
import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import java.awt.Color;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The live-set trend on the old-generation chart: the least-squares line over the collections it fits, its slope and
 * R² in the legend, and when the trend is flagged, when the old generation is full, in a note at the top left (where a
 * rising line leaves room). Too few collections: a quiet note instead of a line.
 *
 * <p>The line spans the fitted collections only and never reaches towards the max: the axis keeps the data's scale,
 * and the note carries the projection.
 */
final class LiveSetTrendOverlay implements ChartOverlay {

    /** The plot's second dataset: the store's series stay the first. */
    static final int DATASET = 1;

    private final Supplier<LiveSetEstimate> estimates;
    private final PointsDataset dataset = new PointsDataset(Unit.MEBIBYTES);
    private final DecimatedPoints line = new DecimatedPoints();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private XYTitleAnnotation note;
    private boolean attached;

    LiveSetTrendOverlay(Supplier<LiveSetEstimate> estimates, ZoneId zone) {
        this.estimates = estimates;
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setDefaultStroke(ChartStyle.TREND_STROKE, false);
        renderer.setDefaultToolTipGenerator(new ValueToolTips(Unit.MEBIBYTES, zone));
    }

    @Override
    public void refresh(XYPlot plot, long fromEpochMillis, long toEpochMillis) {
        if (!attached) {
            plot.setDataset(DATASET, dataset);
            plot.setRenderer(DATASET, renderer);
            attached = true;
        }
        if (note != null) {
            plot.removeAnnotation(note, false);
            note = null;
        }
        LiveSetEstimate estimate = estimates.get();
        LiveSetTrend trend = estimate.trend();
        line.clear();
        if (trend == null) {
            dataset.replace(List.of(), List.of());
            if (estimate.collections() > 0) {
                note = note(estimate.shortReason(), ChartStyle.QUIET);
            }
        } else {
            Instant now = Instant.ofEpochMilli(toEpochMillis);
            long start = Math.max(fromEpochMillis, trend.firstAt().toEpochMilli());
            long end = Math.min(toEpochMillis, trend.lastAt().toEpochMilli());
            if (start <= end) {
                line.add(start, trend.bytesAt(Instant.ofEpochMilli(start)));
                line.add(end, trend.bytesAt(Instant.ofEpochMilli(end)));
            }
            renderer.setSeriesPaint(0, trend.flagged() ? ChartStyle.WARNING : ChartStyle.QUIET, false);
            dataset.replace(List.of(legend(trend, now)), List.of(line));
            if (trend.flagged()) {
                note = note(flaggedNote(trend, now), ChartStyle.WARNING);
            }
        }
        if (note != null) {
            plot.addAnnotation(note, false);
        }
        ChartStyle.styleOverlays(plot);
    }

    /** "live-set trend +12.3 MiB/min, R² 0.93, full in ≈ 42 min". */
    static String legend(LiveSetTrend trend, Instant now) {
        String projection = trend.projection(now);
        return "live-set trend " + rate(trend) + ", " + fit(trend) + (projection.isEmpty() ? "" : ", " + projection);
    }

    /** "Old generation full in ≈ 42 min (+12.3 MiB/min, R² 0.93)", or rising with no max to reach. */
    static String flaggedNote(LiveSetTrend trend, Instant now) {
        String projection = trend.projection(now);
        String figures = " (" + rate(trend) + ", " + fit(trend) + ")";
        return projection.isEmpty()
                ? "Live set rising" + figures + "; no old-generation max to project to"
                : "Old generation " + projection + figures;
    }

    private static String rate(LiveSetTrend trend) {
        // rounded first, so a flat line reads "+0.0", never "-0.0"
        double mebibytes = Math.round(Unit.MEBIBYTES.fromStored(trend.slopeBytesPerMinute()) * 10) / 10.0;
        return (mebibytes < 0 ? "" : "+") + Unit.MEBIBYTES.format(mebibytes) + "/min";
    }

    private static String fit(LiveSetTrend trend) {
        return String.format(Locale.ROOT, "R² %.2f", trend.r2());
    }

    private static XYTitleAnnotation note(String text, Color paint) {
        TextTitle title = new TextTitle(text);
        title.setPaint(paint);
        title.setPadding(new RectangleInsets(2, 4, 2, 4));
        XYTitleAnnotation annotation = new XYTitleAnnotation(0.01, 0.99, title, RectangleAnchor.TOP_LEFT);
        annotation.setMaxWidth(0.9);
        return annotation;
    }
}
