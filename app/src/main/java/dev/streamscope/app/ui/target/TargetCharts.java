package dev.streamscope.app.ui.target;

import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.live.LiveRecording;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A tab's charts: redrawn from its recording over the chosen time window, at most as often as {@link ChartPacing}
 * allows, not while paused or hidden, and never waiting for the recording thread. FX thread.
 */
final class TargetCharts {

    private final LiveRecording recording;
    private final List<LiveChart> charts;
    private final ChartPacing pacing;
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.FIFTEEN_MINUTES);
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private long lastSampleEpochMillis;
    /** A redraw found the recording busy: the view that batch publishes redraws. */
    private boolean redrawOwed;

    TargetCharts(LiveRecording recording) {
        this.recording = recording;
        this.charts = recording.charts();
        this.pacing = new ChartPacing(recording.interval());
        window.addListener((observable, before, now) -> refresh());
        paused.addListener((observable, before, isPaused) -> refresh());
        shown.addListener((observable, before, isShown) -> refresh());
    }

    List<LiveChart> all() {
        return charts;
    }

    ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    BooleanProperty pausedProperty() {
        return paused;
    }

    BooleanProperty shownProperty() {
        return shown;
    }

    /** A hand-off arrived: redraws if it brought something and the pace allows, or a redraw is owed. */
    void onView(long lastSampleEpochMillis, boolean ticked, boolean refreshed) {
        this.lastSampleEpochMillis = lastSampleEpochMillis;
        if (redrawOwed || pacing.redraw(ticked, refreshed, System.nanoTime())) {
            refresh();
        }
    }

    /** Where the time window ends: now, the last sample while paused, or a recording's end. */
    long end() {
        if (recording.readOnly()) {
            return recording.fixedEnd().toEpochMilli();
        }
        return paused.get() ? lastSampleEpochMillis : System.currentTimeMillis();
    }

    void refresh() {
        if ((paused.get() && !recording.readOnly()) || !shown.get()) {
            return;
        }
        long end = end();
        redrawOwed = !recording.tryRead(recorder -> {
            for (LiveChart chart : charts) {
                chart.refresh(window.get(), end, LiveChart.DEFAULT_PLOT_WIDTH);
            }
        });
    }
}
