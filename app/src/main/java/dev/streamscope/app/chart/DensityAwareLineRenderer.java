package dev.streamscope.app.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;

/**
 * Draws a sparse series as one smooth line (2 px, antialiased), and a dense one, holding more points than the plot has
 * pixel columns, as a filled band from each column's lowest to its highest pixel.
 *
 * <p>Why: a decimated day is a zigzag between each column's minimum and maximum. Stroked, every scanline crosses
 * thousands of its edges and every pixel of the zigzag is stroked twice; antialiased, that cost about 30 times a thin
 * line in our measurements. The band covers exactly the pixels the zigzag would, is filled a row span at a time, and
 * is drawn without antialiasing so its one-pixel edges stay crisp. A break ({@code NaN}) ends a band, so outages stay
 * open.
 */
final class DensityAwareLineRenderer extends XYLineAndShapeRenderer {

    private int denseAbovePoints = Integer.MAX_VALUE;

    /** Per-column pixel extents, reused from draw to draw. */
    private int[] columnTop = new int[0];

    private int[] columnBottom = new int[0];

    DensityAwareLineRenderer() {
        super(true, false);
        setDrawSeriesLineAsPath(true); // one path per sparse series; it still breaks at NaN
    }

    /** Series with more points than this are drawn as bands: the plot's width in pixel columns. */
    void setDenseAbovePoints(int points) {
        this.denseAbovePoints = points;
    }

    @Override
    public void drawItem(
            Graphics2D g2,
            XYItemRendererState state,
            Rectangle2D dataArea,
            PlotRenderingInfo info,
            XYPlot plot,
            ValueAxis domainAxis,
            ValueAxis rangeAxis,
            XYDataset dataset,
            int series,
            int item,
            CrosshairState crosshairState,
            int pass) {
        boolean dense = dataset.getItemCount(series) > denseAbovePoints;
        if (dense && isLinePass(pass)) {
            if (item == state.getLastItemIndex() && getItemVisible(series, item)) {
                drawBand(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, series);
            }
            return;
        }
        if (dense && info == null) {
            return; // the item pass only registers tooltip entities, and nobody collects them (an export)
        }
        // sparse lines, and the item pass that registers tooltip entities for both kinds
        super.drawItem(
                g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState, pass);
    }

    private void drawBand(
            Graphics2D g2,
            XYItemRendererState state,
            Rectangle2D dataArea,
            XYPlot plot,
            ValueAxis domainAxis,
            ValueAxis rangeAxis,
            XYDataset dataset,
            int series) {
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        int left = (int) Math.floor(dataArea.getMinX());
        int width = (int) Math.ceil(dataArea.getMaxX()) - left + 1;
        ensureColumns(width);
        Object antialiasing = g2.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g2.setPaint(getItemPaint(series, state.getLastItemIndex()));
        int runStart = -1; // first column of the current band, -1 between bands
        int lastColumn = -1;
        int previousY = 0; // the previous point's pixel row, joining columns as a line would
        for (int item = state.getFirstItemIndex(); item <= state.getLastItemIndex(); item++) {
            double y = dataset.getYValue(series, item);
            if (Double.isNaN(y)) {
                fillColumns(g2, runStart, lastColumn, left);
                runStart = -1;
                continue;
            }
            double x = dataset.getXValue(series, item);
            int column = clamp((int) Math.floor(domainAxis.valueToJava2D(x, dataArea, xEdge)) - left, width);
            int pixelY = (int) Math.floor(rangeAxis.valueToJava2D(y, dataArea, yEdge));
            if (runStart < 0) {
                runStart = column;
                lastColumn = column;
                columnTop[column] = pixelY;
                columnBottom[column] = pixelY;
            } else if (column > lastColumn) {
                // the line from the previous point crosses every column up to this one
                int top = Math.min(previousY, pixelY);
                int bottom = Math.max(previousY, pixelY);
                for (int crossed = lastColumn + 1; crossed <= column; crossed++) {
                    columnTop[crossed] = top;
                    columnBottom[crossed] = bottom;
                }
                lastColumn = column;
            }
            columnTop[column] = Math.min(columnTop[column], pixelY);
            columnBottom[column] = Math.max(columnBottom[column], pixelY);
            previousY = pixelY;
        }
        fillColumns(g2, runStart, lastColumn, left);
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
    }

    /** Fills columns [{@code first}, {@code last}], each from its top to its bottom pixel. */
    private void fillColumns(Graphics2D g2, int first, int last, int left) {
        if (first < 0) {
            return;
        }
        for (int column = first; column <= last; column++) {
            g2.fillRect(left + column, columnTop[column], 1, columnBottom[column] - columnTop[column] + 1);
        }
    }

    private void ensureColumns(int width) {
        if (columnTop.length < width) {
            columnTop = new int[width];
            columnBottom = new int[width];
        }
    }

    private static int clamp(int column, int width) {
        return Math.max(0, Math.min(width - 1, column));
    }
}
