package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.recording.Summaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The --headless command line and the output folder rules, without any target. */
class CaptureOptionsTest {

    @TempDir
    Path temporary;

    @Test
    void defaultsFillWhatIsNotGiven() throws Exception {
        CaptureOptions options = parse("--headless", "--jmx", "127.0.0.1:9010", "--out", "captures");

        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.outputFolder()).isEqualTo(Path.of("captures"));
        assertThat(options.force()).isFalse();
        assertThat(options.target().channelz()).isNull();
    }

    @Test
    void lifetimesPassThroughInOrder() throws Exception {
        CaptureOptions options = parse(
                "--headless",
                "--channelz",
                "127.0.0.1:50051",
                "--out",
                "o",
                "--lifetime",
                "60s",
                "--lifetime",
                "/pkg.Service/Watch=1h");

        assertThat(options.lifetime().defaultLifetime()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(options.lifetime().lifetimeOf("/pkg.Service/Watch")).isEqualTo(java.time.Duration.ofHours(1));
    }

    @Test
    void channelzRpcsInFlightReachTheCapturedTarget() throws Exception {
        CaptureOptions options =
                parse("--headless", "--channelz", "127.0.0.1:50051", "--out", "o", "--channelz-max-in-flight", "8");

        assertThat(options.target().channelz().maxInFlight()).isEqualTo(8);
        assertThat(parse("--headless", "--channelz", "127.0.0.1:50051", "--out", "o")
                        .target()
                        .channelz()
                        .maxInFlight())
                .isEqualTo(128);
    }

    @Test
    void missingOrMalformedPartsAreUsageErrorsThatSayWhatToDo() {
        assertThatThrownBy(() -> parse("--headless", "--out", "o")).hasMessageContaining("--jmx host:port");
        assertThatThrownBy(() -> parse("--headless", "--jmx", "127.0.0.1:1")).hasMessageContaining("--out DIR");
        assertThatThrownBy(() -> parse("--headless", "--jmx", "a:1", "--jmx", "b:2", "--out", "o"))
                .hasMessageContaining("one target");
        assertThatThrownBy(() -> parse("--headless", "--jmx", "a:1", "--out", "o", "--lifetime", "forever"))
                .hasMessageContaining("forever");
        assertThatThrownBy(() -> parse("--headless", "--jmx", "a:1", "--out", "o", "--lifetime", "=5s"))
                .hasMessageContaining("--lifetime");
    }

    @Test
    void aMissingFolderIsCreatedAndAnEmptyOneUsed() throws Exception {
        Path missing = temporary.resolve("a/b");

        assertThat(RecordingWriter.prepareFolder(missing, false, Instant.now())).isEqualTo(missing.toAbsolutePath());
        assertThat(missing).isDirectory();
        assertThat(RecordingWriter.prepareFolder(missing, false, Instant.now())).isEqualTo(missing.toAbsolutePath());
    }

    @Test
    void aUsedFolderGetsANewSubfolderEachTimeUnlessForced() throws Exception {
        Files.writeString(temporary.resolve("summary.json"), "{}");
        Instant now = Instant.now();

        Path first = RecordingWriter.prepareFolder(temporary, false, now);
        Path second = RecordingWriter.prepareFolder(temporary, false, now);
        Path forced = RecordingWriter.prepareFolder(temporary, true, now);

        assertThat(first.getParent()).isEqualTo(temporary.toAbsolutePath());
        assertThat(first.getFileName().toString()).startsWith("capture-");
        assertThat(second).isNotEqualTo(first).hasParent(temporary.toAbsolutePath());
        assertThat(forced).isEqualTo(temporary.toAbsolutePath());
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(temporary.resolve("file"), "x");

        assertThatThrownBy(() -> RecordingWriter.prepareFolder(file, true, Instant.now()))
                .hasMessageContaining("is a file");
    }

    @Test
    void percentileUsesTheNearestRank() {
        assertThat(Summaries.nearestRank(1, 0.99)).isEqualTo(1);
        assertThat(Summaries.nearestRank(100, 0.99)).isEqualTo(99);
        assertThat(Summaries.nearestRank(101, 0.99)).isEqualTo(100);
    }

    @Test
    void histogramsAreOffByDefaultAndTakeTheirModeAndDeadline() throws Exception {
        CaptureOptions none = parse("--headless", "--jmx", "127.0.0.1:9010", "--out", "o");
        CaptureOptions live = parse("--headless", "--jmx", "127.0.0.1:9010", "--out", "o", "--histogram", "LIVE");
        CaptureOptions all =
                parse("--headless", "--demo", "--out", "o", "--histogram", "all", "--histogram-deadline", "2m");

        assertThat(none.histogram()).isNull();
        assertThat(live.histogram()).isEqualTo(HistogramMode.LIVE);
        assertThat(live.histogramDeadline()).isEqualTo(LaunchOptions.DEFAULT_HISTOGRAM_DEADLINE);
        assertThat(all.histogram()).isEqualTo(HistogramMode.ALL);
        assertThat(all.histogramDeadline()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void histogramsNeedAJvmAValidModeAndAValidDeadline() {
        assertThatThrownBy(
                        () -> parse("--headless", "--channelz", "127.0.0.1:50051", "--out", "o", "--histogram", "all"))
                .isInstanceOf(CaptureUsageException.class)
                .hasMessageContaining("--histogram")
                .hasMessageContaining("--jmx");
        assertThatThrownBy(() -> parse("--headless", "--jmx", "a:1", "--out", "o", "--histogram-deadline", "30s"))
                .isInstanceOf(CaptureUsageException.class)
                .hasMessageContaining("--histogram live");
        assertThatThrownBy(() -> parse("--headless", "--jmx", "a:1", "--out", "o", "--histogram", "some"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'live' or 'all'");
        assertThatThrownBy(() -> parse(
                        "--headless",
                        "--jmx",
                        "a:1",
                        "--out",
                        "o",
                        "--histogram",
                        "all",
                        "--histogram-deadline",
                        "10ms"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("from 1s to 30m");
    }

    private static CaptureOptions parse(String... arguments) throws CaptureUsageException {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options).parseArgs(arguments);
        return CaptureOptions.from(options, null);
    }
}
