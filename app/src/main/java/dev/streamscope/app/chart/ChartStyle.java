package dev.streamscope.app.chart;

import dev.streamscope.app.base.ClockText;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.text.SimpleDateFormat;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** The one look of every StreamScope chart: white background, light grid, readable fonts, distinct flat colours. */
public final class ChartStyle {

    /** Distinct on white and for most colour-blind readers (the Tableau 10 set, grey moved last). */
    private static final Color[] SERIES_COLORS = {
        new Color(0x1f77b4), // blue
        new Color(0xff7f0e), // orange
        new Color(0x2ca02c), // green
        new Color(0xd62728), // red
        new Color(0x9467bd), // purple
        new Color(0x8c564b), // brown
        new Color(0xe377c2), // pink
        new Color(0x17becf), // cyan
        new Color(0xbcbd22), // olive
        new Color(0x7f7f7f), // grey
    };

    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    public static final Font AXIS_LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    public static final Stroke LINE_STROKE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    public static final String NO_DATA_MESSAGE = "Waiting for data…";

    /** A flagged trend and a growing connection: red reads as trouble and stays apart from the blue and orange lines. */
    public static final Color WARNING = new Color(0xd62728);

    /** A trend that is not flagged, and notes: grey is quiet on white and on near-black alike. */
    static final Color QUIET = new Color(0x7f7f7f);

    static final Stroke TREND_STROKE =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f);

    static final Stroke MARKER_STROKE =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 4f}, 0f);

    private ChartStyle() {}

    /** The colour of the {@code index}-th series of a chart; colours repeat after ten series. */
    public static Color seriesColor(int index) {
        return SERIES_COLORS[Math.floorMod(index, SERIES_COLORS.length)];
    }

    /** Styles a time chart: {@code HH:mm:ss} time axis, value axis labelled with the unit and including zero. */
    public static void apply(JFreeChart chart, Unit unit, TimeZone timeZone) {
        chart.setTextAntiAlias(true);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 26)); // room for the last time label
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }

        XYPlot plot = chart.getXYPlot();
        plot.setOutlineVisible(false);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessage(NO_DATA_MESSAGE);

        DateAxis time = (DateAxis) plot.getDomainAxis();
        SimpleDateFormat format = new SimpleDateFormat(ClockText.PATTERN, Locale.ROOT);
        format.setTimeZone(timeZone);
        time.setDateFormatOverride(format);
        time.setTimeZone(timeZone);
        time.setAutoRange(false);

        NumberAxis value = (NumberAxis) plot.getRangeAxis();
        value.setLabel(unit.symbol());
        value.setAutoRange(true);
        value.setAutoRangeIncludesZero(true);
        // a flat series at zero would otherwise get an axis of ±5E-9; one unit is the smallest span worth showing
        value.setAutoRangeMinimumSize(1.0);
        value.setStandardTickUnits(
                unit == Unit.COUNT ? NumberAxis.createIntegerTickUnits() : NumberAxis.createStandardTickUnits());
        restyle(chart, ChartPalette.LIGHT, 1.0);
    }

    /**
     * Gives a chart the colours of {@code palette} and fonts {@code fontScale} times the normal size, so charts follow
     * the window's look and text size. One change event, so a viewer redraws once.
     */
    public static void restyle(JFreeChart chart, ChartPalette palette, double fontScale) {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            chart.setBackgroundPaint(palette.background());
            if (chart.getTitle() != null) {
                chart.getTitle().setFont(scaled(TITLE_FONT, fontScale));
                chart.getTitle().setPaint(palette.text());
            }
            LegendTitle legend = chart.getLegend();
            if (legend != null) {
                legend.setItemFont(scaled(LEGEND_FONT, fontScale));
                legend.setItemPaint(palette.text());
                legend.setBackgroundPaint(palette.background());
            }
            XYPlot plot = chart.getXYPlot();
            plot.setBackgroundPaint(palette.background());
            plot.setDomainGridlinePaint(palette.grid());
            plot.setRangeGridlinePaint(palette.grid());
            plot.setNoDataMessageFont(scaled(AXIS_LABEL_FONT, fontScale));
            plot.setNoDataMessagePaint(palette.mutedText());
            styleAxis(plot.getDomainAxis(), palette, fontScale);
            styleAxis(plot.getRangeAxis(), palette, fontScale);
            styleOverlays(plot, palette, fontScale);
        } finally {
            chart.setNotify(notify);
        }
    }

    /** Styles what an overlay just drew in the look the plot already has (its background and tick font tell). */
    static void styleOverlays(XYPlot plot) {
        ChartPalette palette = ChartPalette.DARK.background().equals(plot.getBackgroundPaint())
                ? ChartPalette.DARK
                : ChartPalette.LIGHT;
        double fontScale = plot.getDomainAxis().getTickLabelFont().getSize2D() / TICK_FONT.getSize2D();
        styleOverlays(plot, palette, fontScale);
    }

    /** Marker labels and notes on the plot: readable text on a veil of the background, over whatever line runs there. */
    private static void styleOverlays(XYPlot plot, ChartPalette palette, double fontScale) {
        Font font = scaled(LEGEND_FONT, fontScale);
        Color veil = new Color(
                palette.background().getRed(),
                palette.background().getGreen(),
                palette.background().getBlue(),
                0xd0);
        Collection<?> markers = plot.getDomainMarkers(Layer.FOREGROUND);
        int stacked = 0;
        for (Object each : markers == null ? List.of() : markers) {
            Marker marker = (Marker) each;
            marker.setLabelFont(font);
            marker.setLabelPaint(palette.text());
            marker.setLabelBackgroundColor(veil);
            // labels stack down from the top, so markers close in time never write over each other
            marker.setLabelOffset(new RectangleInsets(4 + stacked * font.getSize2D() * 1.6, 6, 4, 6));
            stacked++;
        }
        for (XYAnnotation annotation : plot.getAnnotations()) {
            if (annotation instanceof XYTitleAnnotation note && note.getTitle() instanceof TextTitle text) {
                text.setFont(font);
                text.setBackgroundPaint(veil);
            }
        }
    }

    private static void styleAxis(ValueAxis axis, ChartPalette palette, double fontScale) {
        axis.setLabelFont(scaled(AXIS_LABEL_FONT, fontScale));
        axis.setLabelPaint(palette.mutedText());
        axis.setTickLabelFont(scaled(TICK_FONT, fontScale));
        axis.setTickLabelPaint(palette.mutedText());
        axis.setAxisLinePaint(palette.grid());
        axis.setTickMarkPaint(palette.grid());
    }

    private static Font scaled(Font font, double scale) {
        return scale == 1.0 ? font : font.deriveFont((float) (font.getSize2D() * scale));
    }
}
