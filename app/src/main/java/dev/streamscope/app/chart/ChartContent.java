package dev.streamscope.app.chart;

import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;

/** What a {@link LiveChart} draws and how it fills it from the store: lines of series, or a scatter of GC events. */
interface ChartContent {

    XYDataset dataset();

    XYItemRenderer renderer();

    /** Rebuilds the dataset for [{@code fromEpochMillis}, {@code toEpochMillis}] at {@code columns} pixel columns. */
    void refresh(long fromEpochMillis, long toEpochMillis, int columns);

    /** Whether the store holds anything this chart would draw, at any time. */
    boolean hasData();
}
