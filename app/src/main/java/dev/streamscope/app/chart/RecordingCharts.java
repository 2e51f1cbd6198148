package dev.streamscope.app.chart;

import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.recording.Recorder;
import java.time.ZoneId;
import java.util.List;

/** The charts of one recording, the same in the window, a capture and a recording opened again. */
public final class RecordingCharts {

    private RecordingCharts() {}

    /** One live chart per definition the recording's target has (JVM, channelz or both), reading its store. */
    public static List<LiveChart> of(Recorder recorder) {
        return of(recorder, ZoneId.systemDefault());
    }

    /**
     * The same with times shown in {@code zone}. The old-generation chart draws the recording's live-set trend, the
     * open-streams chart marks its growing connections.
     */
    public static List<LiveChart> of(Recorder recorder, ZoneId zone) {
        return ChannelzCharts.forTarget(recorder.hasJvm(), recorder.hasChannelz()).stream()
                .map(definition ->
                        new LiveChart(definition, recorder.store(), zone, overlay(definition, recorder, zone)))
                .toList();
    }

    private static ChartOverlay overlay(ChartDefinition definition, Recorder recorder, ZoneId zone) {
        if (definition == JvmCharts.OLD_GEN_AFTER_GC) {
            return new LiveSetTrendOverlay(recorder::liveSet, zone);
        }
        if (definition == ChannelzCharts.OPEN_STREAMS) {
            return new GrowthMarkers(
                    () -> {
                        ChannelzSnapshot judged = recorder.lastSnapshot();
                        return new GrowthMarkers.Growth(
                                recorder.streams().growing(), judged == null ? null : judged.takenAt());
                    },
                    zone);
        }
        return ChartOverlay.NONE;
    }
}
