package dev.streamscope.app.watch;

import static dev.streamscope.app.watch.WatchFolders.incidentFolders;
import static dev.streamscope.app.watch.WatchFolders.log;
import static dev.streamscope.app.watch.WatchFolders.runAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonParser;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * The cooldown and the folder cap end to end, on the real demo target leaking from the start, both watches at once:
 * growth keeps holding, so only the cooldown spaces its folders, and a folder an earlier watch left fills the cap.
 */
class WatchCooldownAndCapTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(20);

    @TempDir
    Path temporary;

    @Test
    void aTriggerThatKeepsHoldingOpensAgainOnlyACooldownLaterAndAFullFolderWritesNothing() throws Exception {
        Path spacedOut = temporary.resolve("spaced");
        Path fullOut = temporary.resolve("full");
        Files.createDirectories(fullOut.resolve(Incident.FOLDER_PREFIX + "growing-from-an-earlier-watch"));
        ByteArrayOutputStream fullLines = new ByteArrayOutputStream();
        Watch spaced = new Watch(
                options(spacedOut, WatchOptions.DEFAULT_MAX_INCIDENTS),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                JvmConnections::open,
                Clock.systemUTC());
        Watch full = new Watch(
                options(fullOut, 1),
                new PrintStream(fullLines, true, StandardCharsets.UTF_8),
                JvmConnections::open,
                Clock.systemUTC());
        CompletableFuture<Watch.Result> spacedRun = runAsync(spaced);
        CompletableFuture<Watch.Result> fullRun = runAsync(full);
        try {
            await().atMost(Duration.ofSeconds(150))
                    .failFast(spacedRun::isDone)
                    .until(() -> incidentFolders(spacedOut).size() >= 2);
            await().atMost(Duration.ofSeconds(60))
                    .failFast(fullRun::isDone)
                    .until(() -> log(fullOut).contains("\"event\":\"not-written\""));
        } finally {
            spaced.stop();
            full.stop();
        }
        spacedRun.get(90, TimeUnit.SECONDS);
        fullRun.get(90, TimeUnit.SECONDS);

        List<Instant> fired = incidentFolders(spacedOut).stream()
                .map(WatchCooldownAndCapTest::firedAt)
                .sorted()
                .toList();
        assertThat(Duration.between(fired.get(0), fired.get(1)))
                .as("growth held all along: the second folder waits for the cooldown")
                .isGreaterThanOrEqualTo(COOLDOWN);
        assertThat(log(spacedOut)).contains("\"event\":\"cooldown\"");

        assertThat(incidentFolders(fullOut))
                .as("only the earlier watch's folder")
                .hasSize(1);
        assertThat(log(fullOut)).contains("\"trigger\":\"growing\"").contains("--max-incidents reached");
        assertThat(fullLines.toString(StandardCharsets.UTF_8)).contains("the most --max-incidents allows");
    }

    private static WatchOptions options(Path out, int maxIncidents) {
        return new WatchOptions(
                null,
                true,
                Duration.ZERO,
                Duration.ofMillis(500),
                Timeouts.DEFAULT,
                out,
                LifetimePolicy.parse(List.of("1h")), // no stream gets overdue: growth is the one trigger
                Duration.ofSeconds(10),
                HistogramMode.ALL,
                Duration.ofSeconds(60),
                Duration.ofMinutes(2),
                EnumSet.of(TriggerKind.GROWING),
                WatchOptions.DEFAULT_FULL_WITHIN,
                Duration.ofSeconds(2),
                COOLDOWN,
                maxIncidents,
                null,
                Duration.ofSeconds(30),
                WatchOptions.PROGRESS_EVERY);
    }

    private static Instant firedAt(Path folder) {
        try {
            return Instant.parse(JsonParser.parseString(Files.readString(folder.resolve(IncidentWriter.INCIDENT_FILE)))
                    .getAsJsonObject()
                    .get("firedAt")
                    .getAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
