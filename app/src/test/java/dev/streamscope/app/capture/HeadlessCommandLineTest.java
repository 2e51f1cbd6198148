package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.StreamScopeMain;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.recording.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscope --headless} as a shell runs it: a child JVM with no DISPLAY, its exit status, its files, and the
 * classes it loaded (-verbose:class), which must include no JavaFX.
 */
class HeadlessCommandLineTest {

    private static final Duration RUN_DEADLINE = Duration.ofSeconds(90);

    private static DemoTarget demo;

    @TempDir
    Path temporary;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoTargetLauncher.start(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void overdueStreamsExitWithThreeAndNoJavaFxClassIsLoaded() throws Exception {
        Path out = temporary.resolve("out");

        Run run = streamscope(
                "--headless",
                "--jmx",
                demo.jmxAddress(),
                "--channelz",
                demo.channelzAddress(),
                "--duration",
                "10s",
                "--interval",
                "500ms",
                "--lifetime",
                "1s",
                "--out",
                out.toString());

        assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(3);
        assertThat(run.stdout())
                .as("-verbose:class lists what was loaded, so the check below can fail")
                .contains("dev.streamscope.app.capture.HeadlessCapture")
                .doesNotContain("javafx.")
                .doesNotContain("com.sun.glass")
                .doesNotContain("dev.streamscope.app.ui.");
        assertThat(run.stderr()).contains("elapsed").contains("overdue-streams");
        assertThat(CaptureFiles.summary(out).get("verdict").asText()).isEqualTo("overdue-streams");
        CaptureFiles.assertChartsWritten(out, true, true, "heap", "grpc-open-streams", "streams-overdue");
    }

    @Test
    void aStopSignalEndsTheCaptureEarlyAndStillWritesEverything() throws Exception {
        Path out = temporary.resolve("stopped");
        Path stderr = Files.createTempFile(temporary, "stderr", ".txt");
        List<String> command = javaCommand(false);
        command.addAll(List.of(
                "--headless",
                "--jmx",
                demo.jmxAddress(),
                "--channelz",
                demo.channelzAddress(),
                "--duration",
                "10m",
                "--interval",
                "500ms",
                "--lifetime",
                "1h",
                "--out",
                out.toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(stderr).contains("capturing"));

            process.destroy(); // SIGTERM runs the same shutdown hook as Ctrl+C

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            SummaryNode summary = CaptureFiles.summary(out);
            Verdict verdict = Verdict.valueOf(summary.get("verdict")
                    .asText()
                    .toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_'));
            assertThat(process.exitValue()).as(Files.readString(stderr)).isEqualTo(verdict.exitStatus());
            // stopped at once: the charts are written, or left out with the reason when nothing was sampled yet
            CaptureFiles.assertChartsWritten(out, true, true);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aStopSignalStillTakesTheHistogramAtTheEnd() throws Exception {
        Path out = temporary.resolve("stopped-histograms");
        Path stderr = Files.createTempFile(temporary, "stderr", ".txt");
        List<String> command = javaCommand(false);
        command.addAll(List.of(
                "--headless",
                "--jmx",
                demo.jmxAddress(),
                "--duration",
                "10m",
                "--histogram",
                "all",
                "--out",
                out.toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(stderr).contains("class histogram at the start:"));

            process.destroy(); // SIGTERM runs the same shutdown hook as Ctrl+C

            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            SummaryNode histogram = CaptureFiles.summary(out).get("histogram");
            assertThat(histogram.get("topGrowth").isNull())
                    .as("both histograms were taken: " + Files.readString(stderr))
                    .isFalse();
            assertThat(out.resolve(RecordingFiles.HISTOGRAM_END)).isNotEmptyFile();
            // the histogram at the end delays the exit, and changes not its status
            Verdict verdict = Verdict.valueOf(CaptureFiles.summary(out)
                    .get("verdict")
                    .asText()
                    .toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_'));
            assertThat(process.exitValue()).as(Files.readString(stderr)).isEqualTo(verdict.exitStatus());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aPortClosedForTheWholeCaptureExitsWithTwoAndStillWritesTheSummary() throws Exception {
        Path out = temporary.resolve("unreachable");

        Run run = streamscope(
                "--headless",
                "--jmx",
                "127.0.0.1:" + ChildJvm.freePort(),
                "--duration",
                "6s",
                "--connect-timeout",
                "3s",
                "--out",
                out.toString());

        assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(2);
        SummaryNode summary = CaptureFiles.summary(out);
        assertThat(summary.get("verdict").asText()).isEqualTo("target-unreachable");
        assertThat(summary.get("heap").isNull()).isTrue();
        assertThat(summary.get("errors").toString()).contains("could not reach").contains("at any time since");
        // it kept trying, in case the target was only restarting, and said so while it did
        assertThat(run.stderr()).contains("Trying again in").contains("Ctrl+C ends the capture");
    }

    @Test
    void anUnknownHostEndsTheCaptureAtOnce() throws Exception {
        Path out = temporary.resolve("nowhere");

        Run run = streamscope(
                "--headless", "--jmx", "no-such-host.invalid:9010", "--duration", "5m", "--out", out.toString());

        // a wrong name does not pass by itself: no point waiting five minutes
        assertThat(run.exitStatus()).as(run.stderr()).isEqualTo(2);
        assertThat(CaptureFiles.summary(out).get("errors").toString()).contains("could not reach");
    }

    @Test
    void badArgumentsExitWith64AndAUsageMessage() throws Exception {
        Path out = temporary.resolve("never");

        Run soon = streamscope("--headless", "--jmx", "127.0.0.1:1", "--duration", "soon", "--out", out.toString());
        Run noFolder = streamscope("--headless", "--jmx", "127.0.0.1:1");

        assertThat(soon.exitStatus()).isEqualTo(64);
        assertThat(soon.stderr()).contains("soon").contains("Usage");
        assertThat(noFolder.exitStatus()).isEqualTo(64);
        assertThat(noFolder.stderr()).contains("--out");
        assertThat(out).doesNotExist();
    }

    @Test
    void histogramsWithoutAJvmOrWithABadModeOrDeadlineExitWith64BeforeConnecting() throws Exception {
        Path out = temporary.resolve("never");

        Run channelzOnly =
                streamscope("--headless", "--channelz", "127.0.0.1:1", "--histogram", "all", "--out", out.toString());
        Run badMode =
                streamscope("--headless", "--jmx", "127.0.0.1:1", "--histogram", "sometimes", "--out", out.toString());
        Run badDeadline = streamscope(
                "--headless",
                "--jmx",
                "127.0.0.1:1",
                "--histogram",
                "live",
                "--histogram-deadline",
                "2h",
                "--out",
                out.toString());

        assertThat(channelzOnly.exitStatus()).isEqualTo(64);
        assertThat(channelzOnly.stderr())
                .contains("--histogram takes class histograms of a JVM: give --jmx host:port or");
        assertThat(badMode.exitStatus()).isEqualTo(64);
        assertThat(badMode.stderr()).contains("--histogram: a histogram is 'live' or 'all', not 'sometimes'");
        Run window = streamscope("--jmx", "127.0.0.1:1", "--histogram", "all");
        assertThat(window.exitStatus()).as("the window takes no --histogram").isEqualTo(64);
        assertThat(window.stderr()).contains("--histogram and --histogram-deadline are for a --headless capture");
        assertThat(badDeadline.exitStatus()).isEqualTo(64);
        assertThat(badDeadline.stderr()).contains("--histogram-deadline: a histogram's deadline must be from 1s");
        assertThat(out).as("nothing was connected to or written").doesNotExist();
    }

    private record Run(int exitStatus, String stdout, String stderr) {}

    private static List<String> javaCommand(boolean verboseClass) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true"));
        if (verboseClass) {
            command.add("-verbose:class");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamScopeMain.class.getName()));
        return command;
    }

    private Run streamscope(String... arguments) throws IOException, InterruptedException {
        List<String> command = javaCommand(true);
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile(temporary, "stdout", ".txt");
        Path stderr = Files.createTempFile(temporary, "stderr", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .as("streamscope ended within " + RUN_DEADLINE)
                    .isTrue();
            return new Run(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
