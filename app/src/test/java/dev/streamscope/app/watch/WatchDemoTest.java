package dev.streamscope.app.watch;

import static dev.streamscope.app.watch.WatchFolders.incidentFolders;
import static dev.streamscope.app.watch.WatchFolders.log;
import static dev.streamscope.app.watch.WatchFolders.runAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.capture.CompareCommand;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real demo targets watched side by side over the same time, with short windows: one starts healthy and begins
 * leaking 10 s in, the other stays healthy. Only the first gets an incident folder, and its --on-incident command
 * fails without stopping the watch.
 */
class WatchDemoTest {

    private static final Duration LEAK_AFTER = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(5);
    private static final Duration TREND_WINDOW = Duration.ofSeconds(10);

    @TempDir
    Path temporary;

    @Test
    void aLeakThatStartsMidWatchGivesOneIncidentFolderAndAHealthyTargetNone() throws Exception {
        Path leakingOut = temporary.resolve("leaking");
        Path healthyOut = temporary.resolve("healthy");
        ByteArrayOutputStream leakingLines = new ByteArrayOutputStream();
        // "false" exits with 1: a paging script that fails
        Watch leaking = new Watch(
                options(leakingOut, LEAK_AFTER, "false"),
                new PrintStream(leakingLines, true, StandardCharsets.UTF_8),
                JvmConnections::open,
                Clock.systemUTC());
        // its leak would start an hour in: healthy for the whole test
        Watch healthy = new Watch(
                options(healthyOut, Duration.ofHours(1), null),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                JvmConnections::open,
                Clock.systemUTC());
        CompletableFuture<Watch.Result> leakingRun = runAsync(leaking);
        CompletableFuture<Watch.Result> healthyRun = runAsync(healthy);
        Watch.Result leakingEnd;
        Watch.Result healthyEnd;
        try {
            await().atMost(Duration.ofSeconds(120))
                    .failFast(leakingRun::isDone)
                    .until(() -> leaking.incidentsWritten() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> log(leakingOut).contains("\"on-incident-failed\""));
            assertThat(leakingRun)
                    .as("a failing --on-incident never stops the watch")
                    .isNotDone();
        } finally {
            leaking.stop();
            healthy.stop();
            leakingEnd = leakingRun.get(90, TimeUnit.SECONDS);
            healthyEnd = healthyRun.get(90, TimeUnit.SECONDS);
        }

        List<Path> incidents = incidentFolders(leakingOut);
        assertThat(incidents).as(leakingLines.toString(StandardCharsets.UTF_8)).hasSize(1);
        assertThat(leakingLines.toString(StandardCharsets.UTF_8))
                .as("the demo is not said to leak before it does")
                .contains("healthy until it starts leaking streams 10s in");
        Path incident = incidents.get(0);
        JsonObject file = JsonParser.parseString(Files.readString(incident.resolve(IncidentWriter.INCIDENT_FILE)))
                .getAsJsonObject();
        assertThat(file.get("trigger").getAsString()).isEqualTo("growing");
        assertThat(file.get("evidence").getAsString()).contains("open streams growing +");
        assertThat(file.get("verdict").getAsString()).isEqualTo("growing-streams");
        assertThat(file.get("histogramAtTrigger").getAsString()).isEqualTo(RecordingFiles.HISTOGRAM_START);
        assertThat(file.get("histogramAtEnd").getAsString()).isEqualTo(RecordingFiles.HISTOGRAM_END);
        assertThat(file.get("threadDump").getAsString()).isEqualTo(IncidentWriter.THREADS_AT_TRIGGER);
        assertThat(incident.resolve(RecordingFiles.HISTOGRAM_START)).isNotEmptyFile();
        assertThat(incident.resolve(RecordingFiles.HISTOGRAM_END)).isNotEmptyFile();
        assertThat(Files.readString(incident.resolve(IncidentWriter.THREADS_AT_TRIGGER)))
                .contains("streamscope-demo-traffic");
        assertThat(incident.resolve(RecordingFiles.CHANNELZ)).isNotEmptyFile();

        // the folder is a recording (--open reads it) spanning the trigger, and its open streams show the climb begin
        Instant firedAt = Instant.parse(file.get("firedAt").getAsString());
        SavedRecording saved = RecordingReader.read(incident);
        assertThat(Instant.parse(saved.summary().window().start())).isBefore(firedAt.minus(TREND_WINDOW));
        assertThat(Instant.parse(saved.summary().window().end())).isAfterOrEqualTo(firedAt.plus(AFTER));
        TimeSeriesBuffer open =
                saved.store().find(SeriesKeys.GRPC_OPEN_STREAMS_CLIENT).orElseThrow();
        double before = Double.MAX_VALUE;
        for (int index = 0; index < open.size() && open.timeAt(index) < firedAt.toEpochMilli(); index++) {
            before = Math.min(before, open.valueAt(index));
        }
        assertThat(open.newestValue())
                .as("the leak adds about 5 client streams a second from its start")
                .isGreaterThan(before + 25);
        // and --compare takes it, against the kept history at the end
        ByteArrayOutputStream compared = new ByteArrayOutputStream();
        PrintStream comparedTo = new PrintStream(compared, true, StandardCharsets.UTF_8);
        assertThat(CompareCommand.run(incident, leakingEnd.endFolder(), null, comparedTo, comparedTo))
                .as(compared.toString(StandardCharsets.UTF_8))
                .isZero();

        String leakingLog = log(leakingOut);
        assertThat(leakingLog)
                .contains("\"event\":\"trigger\",\"trigger\":\"growing\"")
                .contains("\"event\":\"incident\"")
                .contains("exited with status 1")
                .contains("\"event\":\"stopped\"");
        assertThat(leakingEnd.verdict()).isEqualTo(Verdict.GROWING_STREAMS);
        assertThat(leakingEnd.incidents()).isEqualTo(1);

        assertThat(incidentFolders(healthyOut)).isEmpty();
        assertThat(log(healthyOut)).doesNotContain("\"event\":\"trigger\"").contains("\"event\":\"stopped\"");
        // watched for longer than the trend window and nothing grew: a watch can say healthy
        assertThat(healthyEnd.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(healthyEnd.endFolder().resolve(RecordingFiles.SUMMARY)).isNotEmptyFile();
    }

    private static WatchOptions options(Path out, Duration leakAfter, String onIncident) {
        return new WatchOptions(
                null,
                true,
                leakAfter,
                Duration.ofMillis(500),
                Timeouts.DEFAULT,
                out,
                // an hour: no stream can become overdue during the test, so growth is the one trigger that can fire
                LifetimePolicy.parse(List.of("1h")),
                TREND_WINDOW,
                HistogramMode.ALL,
                Duration.ofSeconds(60),
                Duration.ofMinutes(1),
                // the live-set trigger is left out: whether 30 s of leak flag the trend depends on when G1 collects
                EnumSet.of(TriggerKind.GROWING, TriggerKind.OVERDUE, TriggerKind.THREADS),
                WatchOptions.DEFAULT_FULL_WITHIN,
                AFTER,
                WatchOptions.DEFAULT_COOLDOWN,
                WatchOptions.DEFAULT_MAX_INCIDENTS,
                onIncident,
                Duration.ofSeconds(30),
                WatchOptions.PROGRESS_EVERY);
    }
}
