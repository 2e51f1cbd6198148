package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.TargetSpecs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target that dies mid-capture: the capture goes on to its end, writes its files and says what happened. */
class TargetLossTest {

    @TempDir
    Path temporary;

    @Test
    void aTargetKilledMidCaptureStillGetsItsFilesAndTheLossIsReported() throws Exception {
        ChildJvm child = ChildJvm.startWithJmx(
                JmxChildMain.class, Map.of("authenticate", "false", "ssl", "false"), List.of(), List.of());
        try {
            CaptureOptions options = new CaptureOptions(
                    TargetSpecs.parse(child.jmxAddress(), null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT),
                    Duration.ofSeconds(8),
                    Duration.ofMillis(500),
                    new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                    temporary.resolve("lost"),
                    false,
                    LifetimePolicy.DEFAULT,
                    false);
            HeadlessCapture capture =
                    new HeadlessCapture(options, new PrintStream(new ByteArrayOutputStream()), JvmConnections::open);

            CompletableFuture<CaptureResult> result = CompletableFuture.supplyAsync(() -> {
                try {
                    return capture.run();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> capture.samplesRecorded() >= 3);
            child.close();

            CaptureResult finished = result.get(30, TimeUnit.SECONDS);
            // a few seconds of samples prove neither growth nor age: a lost target is not called healthy
            assertThat(finished.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            SummaryNode summary = CaptureFiles.summary(finished.folder());
            assertThat(summary.get("errors").toString()).contains("lost " + child.jmxAddress());
            assertThat(summary.get("errors").toString()).contains("still unreachable at the end");
            assertThat(summary.get("window").get("samples").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(summary.get("heap").get("usedBytes").get("last").asLong())
                    .isPositive();
            assertThat(summary.get("streams").get("overdue").get("min").isNull())
                    .isTrue();
            CaptureFiles.assertChartsWritten(finished.folder(), true, false);
        } finally {
            child.close();
        }
    }
}
