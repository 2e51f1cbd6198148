package dev.streamscope.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TestSamples;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.event.ChartChangeEvent;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class LiveChartTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void drawsTheSeriesInItsColourHeadless() {
        SeriesStore store = storeWithMinutes(10);
        LiveChart chart = new LiveChart(JvmCharts.HEAP, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);
        BufferedImage image = chart.chart().createBufferedImage(800, 450);

        assertThat(ChartImages.pixelsNotOf(image, ChartPalette.LIGHT.background()))
                .isGreaterThan(10_000);
        assertThat(ChartImages.pixelsOf(image, ChartStyle.seriesColor(0))).isGreaterThan(200);
        assertThat(ChartImages.pixelsOf(image, ChartStyle.seriesColor(1))).isGreaterThan(200);
    }

    @Test
    void aHeapMaximumFarAboveUsedAndCommittedIsNamedInTheLegendNotDrawnSoTheLinesKeepTheirScale() {
        SeriesStore store = storeWithMinutes(10); // used 100–160 MiB, committed 512 MiB, max 1,024 MiB
        LiveChart chart = new LiveChart(JvmCharts.HEAP, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);

        XYDataset dataset = chart.chart().getXYPlot().getDataset();
        assertThat(dataset.getSeriesKey(2)).isEqualTo("max 1,024.0 MiB (off the scale)");
        assertThat(dataset.getItemCount(2)).isZero();
        assertThat(chart.chart().getXYPlot().getRangeAxis().getUpperBound())
                .as("the axis ends near committed, not at max")
                .isLessThan(1_024 * 0.75);
    }

    @Test
    void aHeapMaximumWithinReachIsDrawnAsALabelledLine() {
        SeriesStore store = new SeriesStore();
        for (int second = 600; second > 0; second--) {
            long time = NOW - second * 1_000L;
            store.append(SeriesKeys.HEAP_USED, time, 700 * TestSamples.MIB);
            store.append(SeriesKeys.HEAP_COMMITTED, time, 900 * TestSamples.MIB);
            store.append(SeriesKeys.HEAP_MAX, time, 1_024 * TestSamples.MIB);
        }
        LiveChart chart = new LiveChart(JvmCharts.HEAP, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);

        XYDataset dataset = chart.chart().getXYPlot().getDataset();
        assertThat(dataset.getSeriesKey(2)).isEqualTo("max 1,024.0 MiB");
        assertThat(dataset.getItemCount(2)).isPositive();
    }

    @Test
    void showsWaitingForDataWhileTheStoreIsEmpty() {
        LiveChart chart = new LiveChart(JvmCharts.HEAP, new SeriesStore(), ZoneOffset.UTC);

        chart.refresh(TimeWindow.ALL, NOW, 800);

        XYPlot plot = chart.chart().getXYPlot();
        assertThat(plot.getNoDataMessage()).isEqualTo("Waiting for data…");
        assertThat(chart.pointCount()).isZero();
        assertThat(chart.chart().createBufferedImage(400, 300)).isNotNull();
    }

    @Test
    void refreshFiresOneChangeEvent() {
        SeriesStore store = storeWithMinutes(10);
        LiveChart chart = new LiveChart(JvmCharts.MEMORY_POOLS, store, ZoneOffset.UTC);
        List<ChartChangeEvent> events = new ArrayList<>();
        chart.chart().addChangeListener(events::add);

        chart.refresh(TimeWindow.FIFTEEN_MINUTES, NOW, 800);

        assertThat(events).hasSize(1);
        assertThat(chart.chart().getXYPlot().getDataset().getSeriesCount()).isEqualTo(6);
    }

    @Test
    void showsTheWindowEndingNowDecimatedToThePlotWidth() {
        SeriesStore store = storeWithMinutes(24 * 60);
        LiveChart chart = new LiveChart(JvmCharts.HEAP, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.ONE_HOUR, NOW, 300);

        DateAxis time = (DateAxis) chart.chart().getXYPlot().getDomainAxis();
        assertThat(time.getMinimumDate().getTime()).isEqualTo(NOW - 3_600_000);
        assertThat(time.getMaximumDate().getTime()).isEqualTo(NOW);
        assertThat(chart.pointCount()).isLessThanOrEqualTo(3 * (2 * 300 + 2));

        chart.refresh(TimeWindow.ALL, NOW, 300);

        assertThat(time.getMinimumDate().getTime()).isEqualTo(store.oldestTime());
        assertThat(chart.pointCount()).isLessThanOrEqualTo(3 * (2 * 300 + 2));
    }

    @Test
    void scalesBytesToMebibytesAndLabelsTheUnit() {
        SeriesStore store = storeWithMinutes(1);
        LiveChart chart = new LiveChart(JvmCharts.HEAP, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);

        XYPlot plot = chart.chart().getXYPlot();
        XYDataset dataset = plot.getDataset();
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("MiB");
        assertThat(dataset.getSeriesKey(0)).isEqualTo("used");
        assertThat(dataset.getYValue(0, dataset.getItemCount(0) - 1)).isEqualTo(100.0 + 59);
        String tooltip = plot.getRenderer().getToolTipGenerator(0, 0).generateToolTip(dataset, 0, 0);
        assertThat(tooltip).matches("used: \\d+\\.\\d MiB at \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void breaksTheLineAcrossAnOutage() {
        SeriesStore store = storeWithMinutes(2);
        store.markGap(NOW - 50_000);
        JvmRecorder.record(TestSamples.g1(NOW - 10_000, 100), store);
        LiveChart chart = new LiveChart(JvmCharts.THREADS, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);

        XYDataset dataset = chart.chart().getXYPlot().getDataset();
        boolean gap = false;
        for (int item = 0; item < dataset.getItemCount(0); item++) {
            gap |= Double.isNaN(dataset.getYValue(0, item));
        }
        assertThat(gap).isTrue();
    }

    @Test
    void drawsADenseSeriesAsABandThatStopsAtAnOutage() {
        SeriesStore store = new SeriesStore();
        long start = NOW - 3_600_000;
        for (int second = 0; second < 3_600; second++) {
            long time = start + second * 1_000L;
            if (second >= 1_500 && second < 2_100) {
                continue; // ten minutes unreachable
            }
            if (second == 2_100) {
                store.markGap(start + 1_500_000);
            }
            store.append(SeriesKeys.THREADS_LIVE, time, 20 + second % 7);
        }
        LiveChart chart = new LiveChart(JvmCharts.THREADS, store, ZoneOffset.UTC);
        chart.refresh(TimeWindow.ONE_HOUR, NOW, 300);
        assertThat(chart.pointCount()).isGreaterThan(300); // more points than columns: drawn as a band

        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.chart().createBufferedImage(400, 300, info);

        Rectangle2D area = info.getPlotInfo().getDataArea();
        DateAxis time = (DateAxis) chart.chart().getXYPlot().getDomainAxis();
        int before = (int) time.valueToJava2D(start + 1_000_000, area, RectangleEdge.BOTTOM);
        int during = (int) time.valueToJava2D(start + 1_800_000, area, RectangleEdge.BOTTOM);
        int after = (int) time.valueToJava2D(start + 2_600_000, area, RectangleEdge.BOTTOM);
        Color series = ChartStyle.seriesColor(0);
        assertThat(columnHas(image, before, series)).isTrue();
        assertThat(columnHas(image, during, series)).isFalse();
        assertThat(columnHas(image, after, series)).isTrue();
    }

    @Test
    void plotsPausesByCollectorAndMarksRecoveredCollections() {
        SeriesStore store = new SeriesStore();
        store.addGcEvent(TestSamples.youngPause(NOW - 60_000, 12));
        store.addGcEvent(TestSamples.concurrentCycle(NOW - 50_000, 80));
        store.addGcEvent(TestSamples.recovered(NOW - 40_000, 12, 340));
        LiveChart pauses = new LiveChart(JvmCharts.GC_PAUSES, store, ZoneOffset.UTC);
        LiveChart concurrent = new LiveChart(JvmCharts.GC_CONCURRENT, store, ZoneOffset.UTC);

        pauses.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);
        concurrent.refresh(TimeWindow.FIVE_MINUTES, NOW, 800);

        XYDataset dataset = pauses.chart().getXYPlot().getDataset();
        XYItemRenderer renderer = pauses.chart().getXYPlot().getRenderer();
        assertThat(dataset.getSeriesCount()).isEqualTo(2);
        assertThat(dataset.getSeriesKey(0)).isEqualTo("G1 Young Generation");
        assertThat(dataset.getSeriesKey(1)).isEqualTo("G1 Young Generation (recovered from totals)");
        assertThat(renderer.getToolTipGenerator(0, 0).generateToolTip(dataset, 0, 0))
                .isEqualTo("G1 Young Generation: 12 ms, G1 Evacuation Pause (end of minor GC) at 07:59:00");
        assertThat(renderer.getToolTipGenerator(1, 0).generateToolTip(dataset, 1, 0))
                .isEqualTo("G1 Young Generation: 12 collections recovered from totals, 340 ms in all, by 07:59:20");
        assertThat(renderer.getSeriesPaint(1)).isEqualTo(renderer.getSeriesPaint(0));
        assertThat(concurrent.pointCount()).isEqualTo(1);
        assertThat(concurrent.chart().getXYPlot().getDataset().getYValue(0, 0)).isEqualTo(80);
        BufferedImage image = pauses.chart().createBufferedImage(800, 450);
        assertThat(ChartImages.pixelsOf(image, ChartStyle.seriesColor(0))).isGreaterThan(20);
    }

    @Test
    void decimatesPausesToThePlotWidth() {
        SeriesStore store = new SeriesStore();
        for (int second = 0; second < 3_600; second++) {
            store.addGcEvent(TestSamples.youngPause(NOW - 3_600_000 + second * 1_000L, second % 50));
        }
        LiveChart chart = new LiveChart(JvmCharts.GC_PAUSES, store, ZoneOffset.UTC);

        chart.refresh(TimeWindow.ONE_HOUR, NOW, 100);

        assertThat(chart.pointCount()).isLessThanOrEqualTo(200);
        XYDataset dataset = chart.chart().getXYPlot().getDataset();
        double longest = 0;
        for (int item = 0; item < dataset.getItemCount(0); item++) {
            longest = Math.max(longest, dataset.getYValue(0, item));
        }
        assertThat(longest).isEqualTo(49);
    }

    private static boolean columnHas(BufferedImage image, int x, Color color) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                return true;
            }
        }
        return false;
    }

    /** One G1 sample a second for {@code minutes}, ending one second before {@link #NOW}. */
    static SeriesStore storeWithMinutes(int minutes) {
        SeriesStore store = new SeriesStore();
        int seconds = minutes * 60;
        for (int second = seconds; second > 0; second--) {
            JvmRecorder.record(TestSamples.g1(NOW - second * 1_000L, 100 + (seconds - second) % 60), store);
        }
        return store;
    }
}
