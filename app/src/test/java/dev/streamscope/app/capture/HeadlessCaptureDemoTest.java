package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzClient;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.channelz.ChannelzWalkSettings;
import dev.streamscope.app.channelz.ChannelzWalker;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.session.TargetSpecs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headless captures of the real demo target (a child JVM that leaks streams), run in this JVM. */
class HeadlessCaptureDemoTest {

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
    void leakedStreamsOutlivingAShortLifetimeGiveTheOverdueVerdictAndCountsMatchTheTarget() throws Exception {
        Path out = temporary.resolve("missing/capture");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        CaptureResult result = new HeadlessCapture(
                        options(out, Duration.ofSeconds(10), "2s"),
                        new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run();

        assertThat(result.folder()).isEqualTo(out.toAbsolutePath()).isDirectory();
        assertThat(result.verdict()).isEqualTo(Verdict.OVERDUE_STREAMS);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("elapsed")
                .contains("samples")
                .contains("heap")
                .contains("open streams")
                .contains("overdue");
        SummaryNode summary = CaptureFiles.summary(out);
        assertThat(summary.get("verdict").asText()).isEqualTo("overdue-streams");
        SummaryNode streams = summary.get("streams");
        assertThat(streams.get("source").asText())
                .as("the demo carries the jmx-bridge")
                .isEqualTo("bridge");
        assertThat(streams.get("lifetimeMillis").asLong()).isEqualTo(2_000);
        assertThat(streams.get("overdue").get("min").asLong()).isPositive();
        assertThat(streams.get("overdue").get("max").asLong())
                .as("the bridge counts exactly")
                .isEqualTo(streams.get("overdue").get("min").asLong());
        assertThat(streams.get("oldest").get(0).get("method").asText()).isEqualTo("streamscope.demo.Inventory/Watch");
        assertThat(streams.get("oldest").get(0).get("ageMillis").asLong()).isGreaterThan(2_000);
        assertThat(Files.readAllLines(out.resolve(RecordingFiles.OVERDUE)))
                .as("the overdue streams, header first")
                .hasSizeGreaterThan(1)
                .first()
                .asString()
                .startsWith("method,side");
        assertSitesNameTheLeakingLine(streams.get("sites"));
        assertThat(Files.readAllLines(out.resolve(RecordingFiles.BY_SITE)))
                .as("one row per creation site, header first")
                .hasSizeGreaterThan(1)
                .first()
                .asString()
                .isEqualTo(
                        "kind,side,site,method,open,overdue,oldestAgeMillis,sampled,frames,openEstimate,overdueEstimate");
        assertThat(Files.readString(out.resolve(RecordingFiles.BY_SITE))).contains("DemoTraffic.watchAndAbandon");
        CaptureFiles.assertChartsWritten(
                out,
                true,
                true,
                "heap",
                "grpc-open-streams",
                "streams-overdue",
                "streams-by-method",
                "streams-ages",
                "memory-pools",
                "threads",
                "cpu",
                "grpc-connections",
                "grpc-calls");

        assertCountsMatchTheTarget(summary, result);
    }

    /**
     * The demo's leak comes from one line. Its healthy watches (cancelled after 2 s, this capture's lifetime) come from
     * another; BridgeReaderTest checks them against a lifetime they cannot reach, which 2 s under load is not.
     */
    private static void assertSitesNameTheLeakingLine(SummaryNode sites) {
        assertThat(sites.get(0).get("site").asText()).contains("DemoTraffic.watchAndAbandon(DemoTraffic.java:");
        assertThat(sites.get(0).get("overdue").asLong()).isPositive();
        assertThat(sites.get(0).get("open").asLong())
                .isGreaterThanOrEqualTo(sites.get(0).get("overdue").asLong());
        assertThat(sites.get(0).get("method").asText()).isEqualTo("streamscope.demo.Inventory/Watch");
        assertThat(sites.get(0).get("sampled").asText()).isEqualTo("false");
        assertThat(sites.get(0).get("kind").asText()).isEqualTo("CLIENT_CALL");
        // the demo records every site (exact), so the estimates are the sampled counts
        assertThat(sites.get(0).get("overdueEstimate").asLong())
                .isEqualTo(sites.get(0).get("sampledOverdue").asLong())
                .isEqualTo(sites.get(0).get("overdue").asLong());
        assertThat(sites.get(0).get("openEstimate").asLong())
                .isEqualTo(sites.get(0).get("sampledOpen").asLong());
    }

    @Test
    void aChannelzOnlyCaptureBoundsTheOverdueStreamsFromSocketCounters() throws Exception {
        Path out = temporary.resolve("channelz-only");
        CaptureOptions bothSides = options(out, Duration.ofSeconds(10), "1s");
        CaptureOptions channelzOnly = new CaptureOptions(
                TargetSpecs.parse("", null, null, false, demo.channelzAddress(), TargetSpecs.ChannelzOptions.PLAINTEXT),
                bothSides.duration(),
                bothSides.interval(),
                bothSides.timeouts(),
                out,
                false,
                bothSides.lifetime(),
                false);

        CaptureResult result = new HeadlessCapture(channelzOnly, new PrintStream(new ByteArrayOutputStream())).run();

        SummaryNode streams = CaptureFiles.summary(out).get("streams");
        assertThat(streams.get("source").asText()).isEqualTo("channelz");
        assertThat(streams.get("overdue").get("min").asLong())
                .as("streams that never end reach the lower bound once older than the lifetime")
                .isPositive();
        assertThat(streams.get("overdue").get("max").asLong())
                .isGreaterThanOrEqualTo(streams.get("overdue").get("min").asLong());
        assertThat(streams.get("oldest")).isEmpty();
        assertThat(streams.get("sites").isNull())
                .as("only the bridge knows sites")
                .isTrue();
        assertThat(streams.get("sitesReason").asText()).contains("jmx-bridge");
        assertThat(Files.readAllLines(out.resolve(RecordingFiles.BY_SITE)))
                .first()
                .isEqualTo("reason");
        assertThat(CaptureFiles.summary(out).get("heap").isNull())
                .as("no JVM: no heap figures")
                .isTrue();
        assertThat(result.verdict()).isEqualTo(Verdict.OVERDUE_STREAMS);
    }

    @Test
    void aRunShorterThanTheTrendWindowAndTheLifetimeIsInconclusiveAndExistingFilesAreKept() throws Exception {
        Path out = temporary.resolve("used");
        Files.createDirectories(out);
        Path earlier = Files.writeString(out.resolve("earlier.txt"), "from an earlier capture");

        CaptureResult result = new HeadlessCapture(
                        options(out, Duration.ofSeconds(4), "1h"), new PrintStream(new ByteArrayOutputStream()))
                .run();

        // the demo leaks, but 4 s prove neither growth (1 min) nor age (1 h): not healthy, inconclusive
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.verdict().exitStatus()).isEqualTo(6);
        assertThat(result.folder().getParent()).isEqualTo(out.toAbsolutePath());
        assertThat(result.folder().getFileName().toString()).startsWith("capture-");
        assertThat(Files.readString(earlier)).isEqualTo("from an earlier capture");
        SummaryNode summary = CaptureFiles.summary(result.folder());
        assertThat(summary.get("verdict").asText()).isEqualTo("inconclusive");
        assertThat(summary.get("errors").toString())
                .contains("verdict: inconclusive: covered ")
                .contains("growth needs 1m (--trend-window), overdue needs 1h (--lifetime)");
        assertThat(summary.get("streams").get("overdue").get("min").asLong()).isZero();
        assertThat(summary.get("window").get("samples").asLong()).isPositive();
    }

    /** The summary against what the target itself reports right after the capture. */
    private static void assertCountsMatchTheTarget(SummaryNode summary, CaptureResult result) throws Exception {
        JvmSample direct;
        try (JvmConnection connection =
                JvmConnections.open(JmxAddress.parse(demo.jmxAddress(), null, null, false), Timeouts.DEFAULT)) {
            direct = connection.sample();
        }
        assertThat(summary.get("heap").get("maxBytes").asLong())
                .isEqualTo(direct.heap().max());
        assertThat(summary.get("threads").get("peak").asInt())
                .isBetween(1, direct.threads().peak());
        List<Double> liveThreads = seriesValues(result, SeriesKeys.THREADS_LIVE);
        assertThat(summary.get("threads").get("last").asDouble()).isEqualTo(liveThreads.get(liveThreads.size() - 1));
        SummaryNode used = summary.get("heap").get("usedBytes");
        assertThat(used.get("min").asLong())
                .isLessThanOrEqualTo(used.get("last").asLong());
        assertThat(used.get("max").asLong())
                .isGreaterThanOrEqualTo(used.get("last").asLong());
        SummaryNode byCollector = summary.get("gc").get("byCollector");
        direct.collectors().forEach(collector -> {
            assertThat(byCollector.has(collector.name())).as(collector.name()).isTrue();
            assertThat(byCollector.get(collector.name()).get("collections").asLong())
                    .isLessThanOrEqualTo(collector.collectionCount());
        });
        assertThat(summary.get("target").get("jvm").get("name").asText()).startsWith(demo.pid() + "@");

        ChannelzSnapshot snapshot;
        try (ChannelzClient client = ChannelzClient.open(
                ChannelzTarget.plaintext(ChannelzAddress.parse(demo.channelzAddress())), Timeouts.DEFAULT)) {
            snapshot = new ChannelzWalker(client, ChannelzWalkSettings.DEFAULT).refresh();
        }
        SummaryNode channelz = summary.get("channelz");
        assertThat(channelz.get("topChannels").asInt())
                .isEqualTo(snapshot.totals().topChannels());
        assertThat(channelz.get("servers").asInt()).isEqualTo(snapshot.servers().size());
        assertThat(channelz.get("calls").get("started").asLong())
                .isPositive()
                .isLessThanOrEqualTo(
                        snapshot.totals().callsStarted() + snapshot.totals().serverCallsStarted());
    }

    private static List<Double> seriesValues(CaptureResult result, String key) throws Exception {
        // the threads chart's CSV holds the live series in its first value column
        List<String> lines = Files.readAllLines(result.folder().resolve("threads.csv"));
        assertThat(lines.get(0)).contains("live (count)");
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String cell = line.split(",", -1)[2];
            if (!cell.isEmpty()) {
                values.add(Double.parseDouble(cell));
            }
        }
        assertThat(values).as(key).isNotEmpty();
        return values;
    }

    private static CaptureOptions options(Path out, Duration duration, String lifetime) throws Exception {
        return new CaptureOptions(
                TargetSpecs.parse(
                        demo.jmxAddress(),
                        null,
                        null,
                        false,
                        demo.channelzAddress(),
                        TargetSpecs.ChannelzOptions.PLAINTEXT),
                duration,
                Duration.ofMillis(500),
                Timeouts.DEFAULT,
                out,
                false,
                LifetimePolicy.parse(List.of(lifetime)),
                false);
    }
}
