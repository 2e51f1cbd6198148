package dev.streamscope.app.chart;

import org.jfree.chart.plot.XYPlot;

/**
 * What a chart draws from its recording beside the store's series: the live-set trend, the growing connections. Like
 * the chart, it belongs to the recording's thread.
 */
interface ChartOverlay {

    ChartOverlay NONE = (plot, fromEpochMillis, toEpochMillis) -> {};

    /** Redraws itself on {@code plot} for the window [from, to]; runs inside the chart's one change event. */
    void refresh(XYPlot plot, long fromEpochMillis, long toEpochMillis);
}
