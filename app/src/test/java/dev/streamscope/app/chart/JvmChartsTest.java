package dev.streamscope.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TestSamples;
import java.awt.GraphicsEnvironment;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmChartsTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void catalogHasStableFileSafeIds() {
        assertThat(JvmCharts.all())
                .extracting(ChartDefinition::id)
                .containsExactly(
                        "heap",
                        "memory-pools",
                        "old-gen-after-gc",
                        "gc-pauses",
                        "gc-concurrent",
                        "threads",
                        "cpu",
                        "buffer-pools")
                .allMatch(id -> id.matches("[a-z-]+"));
        assertThat(JvmCharts.byId("cpu")).contains(JvmCharts.CPU);
        assertThat(JvmCharts.byId("nope")).isEmpty();
    }

    @Test
    void everyChartDrawsItsDataWithoutADisplay() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        SeriesStore store = LiveChartTest.storeWithMinutes(5);
        store.addGcEvent(TestSamples.youngPause(NOW - 30_000, 7));
        store.addGcEvent(TestSamples.concurrentCycle(NOW - 20_000, 40));
        for (int i = 1; i <= 4; i++) {
            JvmRecorder.record(
                    new GcEvent(
                            NOW - 60_000 * i,
                            "G1 Young Generation",
                            "end of minor GC",
                            "x",
                            3,
                            false,
                            0,
                            i,
                            i * 1L << 20),
                    store);
        }

        List<LiveChart> charts = JvmCharts.createAll(store);
        for (LiveChart chart : charts) {
            chart.refresh(TimeWindow.FIVE_MINUTES, NOW, 600);

            assertThat(chart.pointCount()).as(chart.id()).isPositive();
            assertThat(chart.chart().getXYPlot().getRangeAxis().getLabel())
                    .as(chart.id())
                    .isEqualTo(chart.definition().unit().symbol());
            assertThat(ChartImages.pixelsOf(chart.chart().createBufferedImage(600, 400), ChartStyle.seriesColor(0)))
                    .as(chart.id())
                    .isPositive();
        }
    }

    @Test
    void labelsBufferPoolsAndMemoryPoolsWithTheJvmsOwnNames() {
        SeriesStore store = LiveChartTest.storeWithMinutes(1);
        LiveChart buffers = new LiveChart(JvmCharts.BUFFER_POOLS, store, ZoneOffset.UTC);
        LiveChart pools = new LiveChart(JvmCharts.MEMORY_POOLS, store, ZoneOffset.UTC);

        buffers.refresh(TimeWindow.FIVE_MINUTES, NOW, 600);
        pools.refresh(TimeWindow.FIVE_MINUTES, NOW, 600);

        var bufferData = buffers.chart().getXYPlot().getDataset();
        assertThat(List.of(
                        bufferData.getSeriesKey(0),
                        bufferData.getSeriesKey(1),
                        bufferData.getSeriesKey(2),
                        bufferData.getSeriesKey(3)))
                .containsExactly("direct used", "mapped used", "direct capacity", "mapped capacity");
        assertThat(pools.chart().getXYPlot().getDataset().getSeriesKey(0)).isEqualTo("G1 Eden Space");
    }

    @Test
    void timeWindowsReadAsTheyAreShown() {
        assertThat(TimeWindow.values()).extracting(TimeWindow::label).containsExactly("5 min", "15 min", "1 h", "All");
        assertThat(TimeWindow.ONE_HOUR.startEpochMillis(NOW, 0)).isEqualTo(NOW - 3_600_000);
        assertThat(TimeWindow.ALL.startEpochMillis(NOW, NOW - 42)).isEqualTo(NOW - 42);
    }
}
