package dev.streamscope.app.ui;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.chart.ChannelzCharts;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.GcEvent;
import dev.streamscope.app.jmx.JvmSample;
import dev.streamscope.app.series.ChannelzRecorder;
import dev.streamscope.app.series.JvmRecorder;
import dev.streamscope.app.series.SeriesStore;
import java.util.List;

/** A target's history and the charts drawn from it; owned by the FX thread. */
final class TargetCharts {

    private final SeriesStore store;
    private final ChannelzRecorder channelzRecorder = new ChannelzRecorder();
    private final List<LiveChart> charts;

    TargetCharts(SeriesStore store, boolean jvm, boolean channelz) {
        this.store = store;
        this.charts = ChannelzCharts.forTarget(jvm, channelz).stream()
                .map(definition -> new LiveChart(definition, store))
                .toList();
    }

    void record(JvmSample sample, List<GcEvent> gcEvents) {
        JvmRecorder.record(sample, store);
        gcEvents.forEach(event -> JvmRecorder.record(event, store));
    }

    void record(ChannelzSnapshot snapshot) {
        channelzRecorder.record(snapshot, store);
    }

    void channelzFailed() {
        channelzRecorder.forgetPrevious();
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
