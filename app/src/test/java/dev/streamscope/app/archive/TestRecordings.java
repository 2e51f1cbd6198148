package dev.streamscope.app.archive;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.chart.RecordingCharts;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsReport;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.series.TestSamples;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.TargetTick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Recordings for tests, made the way the app makes them: hand-built ticks (our own records, see {@link TestSamples})
 * through a real {@link Recorder} and {@link RecordingWriter}.
 */
public final class TestRecordings {

    static final long START = 1_764_500_000_000L;
    private static final JvmIdentity IDENTITY =
            new JvmIdentity("4242@prod-api-7", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium", "17.0.15", START);

    private TestRecordings() {}

    /** 30 ticks at 1 s with young pauses, a recovered collection, a JVM outage and a channelz outage. */
    public static Recorder recorded() throws Exception {
        Recorder recorder = new Recorder("prod-api-7:9010", true, false);
        for (int second = 0; second < 30; second++) {
            long time = START + second * 1_000L;
            List<GcEvent> events = second % 5 == 4
                    ? List.of(new GcEvent(
                            time,
                            "G1 Young Generation",
                            "end of minor GC",
                            "G1 Evacuation Pause",
                            7 + second,
                            false,
                            0,
                            second,
                            (100L + second) * TestSamples.MIB))
                    : second == 17 ? List.of(TestSamples.recovered(time, 3, 40)) : List.of();
            recorder.record(new TargetTick(IDENTITY, TestSamples.g1(time, 200 + second), events, second == 20, null));
        }
        recorder.record(new ChannelzUpdate(
                Instant.ofEpochMilli(START + 30_000),
                null,
                new TargetProblem(TargetProblem.Kind.TIMEOUT, "channelz did not answer in 5 s")));
        return recorder;
    }

    static RecordingWriter.Prepared prepared(Recorder recorder) {
        StreamsReport report = StreamsReports.of(recorder.streams());
        Instant start = Instant.ofEpochMilli(START);
        Instant end = Instant.ofEpochMilli(START + 30_000);
        Summary summary = Summaries.summarize(
                recorder, "prod-api-7:9010", null, start, end, Duration.ofSeconds(1), report, List.of());
        return RecordingWriter.prepare(recorder, RecordingCharts.of(recorder), end.toEpochMilli(), report, summary);
    }

    public static Path write(Recorder recorder, Path folder) throws Exception {
        Files.createDirectories(folder);
        prepared(recorder).writeInto(folder);
        return folder;
    }
}
