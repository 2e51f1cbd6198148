package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.TargetSpecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A capture started while its target is still down (an OOM-killed pod coming back): it keeps trying and records the
 * target once it is up, rather than ending at the first refused connection.
 */
class LateTargetTest {

    @TempDir
    Path temporary;

    @Test
    void aTargetThatComesUpDuringTheCaptureIsRecorded() throws Exception {
        int port = ChildJvm.freePort();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CaptureOptions options = new CaptureOptions(
                TargetSpecs.parse("127.0.0.1:" + port, null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT),
                Duration.ofSeconds(20),
                Duration.ofMillis(500),
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                temporary.resolve("late"),
                false,
                LifetimePolicy.DEFAULT,
                false);
        HeadlessCapture capture = new HeadlessCapture(
                options, new PrintStream(progress, true, StandardCharsets.UTF_8), JvmConnections::open);

        CompletableFuture<CaptureResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return capture.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // the capture meets a closed port first and says it will try again
        await().atMost(Duration.ofSeconds(15))
                .until(() -> progress.toString(StandardCharsets.UTF_8).contains("Trying again in"));
        assertThat(result).isNotDone();
        ChildJvm child = ChildJvm.startWithJmx(
                JmxChildMain.class,
                Map.of("authenticate", "false", "ssl", "false"),
                // on the port the capture was given, not a fresh one (the caller's options win)
                List.of(
                        "-Dcom.sun.management.jmxremote.port=" + port,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + port),
                List.of());
        try {
            CaptureResult finished = result.get(40, TimeUnit.SECONDS);

            // under 20 s of samples prove neither growth (1 min) nor age (1 min): nothing wrong, nothing proven
            assertThat(finished.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            SummaryNode summary = CaptureFiles.summary(finished.folder());
            assertThat(summary.get("window").get("samples").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(summary.get("errors").toString())
                    .contains("could not reach 127.0.0.1:" + port + " yet, kept trying")
                    .contains("reached 127.0.0.1:" + port + " after trying since");
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Trying again in");
        } finally {
            child.close();
        }
    }

    @Test
    void aCaptureShorterThanTheConnectDeadlineStillSaysWhyItRecordedNothing() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(
                    () -> {
                        try {
                            while (true) {
                                accepted.add(silent.accept()); // accepts, never answers: a hung JVM
                            }
                        } catch (IOException closed) {
                            // the test is over
                        }
                    },
                    "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            String address = "127.0.0.1:" + silent.getLocalPort();
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            CaptureOptions options = new CaptureOptions(
                    TargetSpecs.parse(address, null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT),
                    Duration.ofMillis(500),
                    Duration.ofMillis(500),
                    new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                    temporary.resolve("silent"),
                    false,
                    LifetimePolicy.DEFAULT,
                    false);

            CaptureResult result = new HeadlessCapture(
                            options, new PrintStream(progress, true, StandardCharsets.UTF_8), JvmConnections::open)
                    .run();

            assertThat(result.verdict()).isEqualTo(Verdict.TARGET_UNREACHABLE);
            String why = "No answer from " + address;
            assertThat(progress.toString(StandardCharsets.UTF_8))
                    .contains("nothing was recorded")
                    .contains(why);
            assertThat(CaptureFiles.summary(result.folder()).get("errors").toString())
                    .contains("nothing was recorded")
                    .contains(why);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void theDemoIsRecordedWithoutATargetAtHand() throws Exception {
        LaunchOptions launch = new LaunchOptions();
        new CommandLine(launch)
                .parseArgs(
                        "--headless",
                        "--demo",
                        "--duration",
                        "6s",
                        "--interval",
                        "500ms",
                        "--out",
                        temporary.resolve("demo").toString());
        CaptureOptions options = CaptureOptions.from(launch, null);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        CaptureResult result =
                new HeadlessCapture(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("starting the demo target");
        assertThat(result.verdict()).isNotEqualTo(Verdict.TARGET_UNREACHABLE);
        SummaryNode summary = CaptureFiles.summary(result.folder());
        assertThat(summary.get("target").get("jmx").asText()).startsWith("127.0.0.1:");
        assertThat(summary.get("window").get("samples").asLong()).isPositive();
    }
}
