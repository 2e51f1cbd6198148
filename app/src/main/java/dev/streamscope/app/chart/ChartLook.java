package dev.streamscope.app.chart;

import org.jfree.chart.JFreeChart;

/**
 * How charts look: the window's colours and text size, which its charts and the PNGs exported from them share, or the
 * printed page's of a saved recording.
 */
public record ChartLook(ChartPalette palette, double fontScale) {

    /** Light, normal text: saved recordings and captures. */
    public static final ChartLook PRINTED = new ChartLook(ChartPalette.LIGHT, 1.0);

    public void applyTo(JFreeChart chart) {
        ChartStyle.restyle(chart, palette, fontScale);
    }
}
