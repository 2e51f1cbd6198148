package dev.streamscope.app.watch;

import static dev.streamscope.app.watch.WatchFolders.incidentFolders;
import static dev.streamscope.app.watch.WatchFolders.log;
import static dev.streamscope.app.watch.WatchFolders.runAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One leak sets off several triggers within seconds (streams pile up, and soon the first are overdue): they go into
 * one incident folder, not one each. The real demo target, leaking from the start, with a lifetime short enough that
 * both growth and age fire well inside the incident's --after.
 */
class WatchOneFolderPerLeakTest {

    @TempDir
    Path out;

    @Test
    void triggersFiringWhileAnIncidentRecordsJoinItsFolder() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Watch watch = new Watch(
                options(),
                new PrintStream(lines, true, StandardCharsets.UTF_8),
                JvmConnections::open,
                Clock.systemUTC());
        CompletableFuture<Watch.Result> run = runAsync(watch);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .failFast(run::isDone)
                    .until(() -> log(out).contains("\"trigger\":\"growing\"")
                            && log(out).contains("\"trigger\":\"overdue\""));
        } finally {
            watch.stop(); // well before the end of --after: the folder is written with what it has
        }
        run.get(90, TimeUnit.SECONDS);

        List<Path> folders = incidentFolders(out);
        assertThat(folders).as(lines.toString(StandardCharsets.UTF_8)).hasSize(1);
        JsonObject incident = JsonParser.parseString(
                        Files.readString(folders.get(0).resolve(IncidentWriter.INCIDENT_FILE)))
                .getAsJsonObject();
        List<String> fired = new ArrayList<>(List.of(incident.get("trigger").getAsString()));
        for (JsonElement joined : incident.getAsJsonArray("alsoFired")) {
            fired.add(joined.getAsJsonObject().get("trigger").getAsString());
            assertThat(joined.getAsJsonObject().get("evidence").getAsString()).isNotBlank();
        }
        assertThat(fired).containsExactlyInAnyOrder("growing", "overdue");
        assertThat(log(out)).contains("\"joined\":").doesNotContain("\"event\":\"cooldown\"");
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("its evidence joins the incident");
    }

    private WatchOptions options() {
        return new WatchOptions(
                null,
                true,
                Duration.ZERO,
                Duration.ofMillis(500),
                Timeouts.DEFAULT,
                out,
                LifetimePolicy.parse(List.of("5s")),
                Duration.ofSeconds(10),
                HistogramMode.ALL,
                Duration.ofSeconds(60),
                Duration.ofMinutes(5),
                // live-set and threads left out: whether they fire in a minute depends on the collector and the load
                EnumSet.of(TriggerKind.GROWING, TriggerKind.OVERDUE),
                WatchOptions.DEFAULT_FULL_WITHIN,
                Duration.ofMinutes(3),
                WatchOptions.DEFAULT_COOLDOWN,
                WatchOptions.DEFAULT_MAX_INCIDENTS,
                null,
                Duration.ofSeconds(30),
                WatchOptions.PROGRESS_EVERY);
    }
}
