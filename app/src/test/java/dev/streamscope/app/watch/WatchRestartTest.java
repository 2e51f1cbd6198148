package dev.streamscope.app.watch;

import static dev.streamscope.app.watch.WatchFolders.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.RestartingJvm;
import dev.streamscope.app.session.TargetSpecs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched target restarts (a pod replaced): the watch goes on through the outage, picks up the new process and keeps
 * the restart as a note in what it saves. The target is {@link RestartingJvm}, a stand-in for a JVM that drops its
 * connection and comes back as a new process, because a real restart costs seconds of a child JVM; the watch, its
 * session and its files are the real ones.
 */
class WatchRestartTest {

    @TempDir
    Path temporary;

    @Test
    void aTargetRestartMidWatchIsReconnectedAndNotedWithoutEndingTheWatch() throws Exception {
        RestartingJvm jvm = new RestartingJvm(3);
        Path out = temporary.resolve("watch");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Watch watch =
                new Watch(options(out), new PrintStream(printed, true, StandardCharsets.UTF_8), jvm, Clock.systemUTC());
        CompletableFuture<Watch.Result> run = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return watch.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                runnable -> new Thread(runnable, "watch-under-test").start());
        Watch.Result end;
        try {
            await().atMost(Duration.ofSeconds(60))
                    .failFast(run::isDone)
                    .until(() -> jvm.connections() >= 2 && samplesSaid(printed) >= 6);
        } finally {
            watch.stop();
            end = run.get(60, TimeUnit.SECONDS);
        }

        assertThat(log(out))
                .as(printed.toString(StandardCharsets.UTF_8))
                .contains("\"state\":\"reconnecting\"")
                .contains("\"event\":\"stopped\"");
        String notes = JsonParser.parseString(Files.readString(end.endFolder().resolve(RecordingFiles.SUMMARY)))
                .getAsJsonObject()
                .get("errors")
                .toString();
        assertThat(notes)
                .as(printed.toString(StandardCharsets.UTF_8) + log(out))
                .contains("lost pod:9010: The connection to pod was lost.")
                .contains("reconnected to pod:9010 after an outage of")
                .contains("the target restarted: 4001@pod is now 4002@pod");
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("the watch ends:");
    }

    private static WatchOptions options(Path out) throws Exception {
        return new WatchOptions(
                TargetSpecs.parse("pod:9010", null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT),
                false,
                Duration.ZERO,
                Duration.ofMillis(100),
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                out,
                LifetimePolicy.parse(List.of("1h")),
                Duration.ofSeconds(10),
                HistogramMode.ALL,
                Duration.ofSeconds(10),
                Duration.ofMinutes(1),
                EnumSet.of(TriggerKind.GROWING, TriggerKind.OVERDUE),
                WatchOptions.DEFAULT_FULL_WITHIN,
                Duration.ofSeconds(5),
                WatchOptions.DEFAULT_COOLDOWN,
                WatchOptions.DEFAULT_MAX_INCIDENTS,
                null,
                Duration.ofSeconds(5),
                Duration.ofMillis(200)); // progress lines often: they say how many samples are in
    }

    /** The sample count of the latest progress line: 3 from the first process, the rest from the one after. */
    private static int samplesSaid(ByteArrayOutputStream printed) {
        Matcher counts = Pattern.compile(" · (\\d+) samples").matcher(printed.toString(StandardCharsets.UTF_8));
        int latest = 0;
        while (counts.find()) {
            latest = Integer.parseInt(counts.group(1));
        }
        return latest;
    }
}
