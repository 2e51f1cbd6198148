package dev.streamscope.app.chart;

import dev.streamscope.app.recording.Recorder;
import java.util.List;

/** The charts of one recording, the same in the window, a capture and a recording opened again. */
public final class RecordingCharts {

    private RecordingCharts() {}

    /** One live chart per definition the recording's target has (JVM, channelz or both), reading its store. */
    public static List<LiveChart> of(Recorder recorder) {
        return ChannelzCharts.forTarget(recorder.hasJvm(), recorder.hasChannelz()).stream()
                .map(definition -> new LiveChart(definition, recorder.store()))
                .toList();
    }
}
