package dev.streamscope.app.ui;

import dev.streamscope.app.chart.JvmCharts;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.GcEvent;
import dev.streamscope.app.jmx.JvmSample;
import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesStore;
import java.util.List;

/** A target's history and the charts drawn from it; owned by the FX thread. */
final class TargetCharts {

    private final SeriesStore store;
    private final List<LiveChart> charts;

    TargetCharts(SeriesStore store) {
        this.store = store;
        this.charts = List.copyOf(JvmCharts.createAll(store));
    }

    void record(JvmSample sample, List<GcEvent> gcEvents) {
        JvmRecorder.record(sample, store);
        gcEvents.forEach(event -> JvmRecorder.record(event, store));
    }

    /** Redraws every chart once for the window ending at {@code nowEpochMillis}. */
    void refresh(TimeWindow window, long nowEpochMillis) {
        for (LiveChart chart : charts) {
            chart.refresh(window, nowEpochMillis, LiveChart.DEFAULT_PLOT_WIDTH);
        }
    }

    List<LiveChart> all() {
        return charts;
    }
}
