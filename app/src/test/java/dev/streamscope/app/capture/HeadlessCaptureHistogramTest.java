package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.LeakCountMXBean;
import dev.streamscope.app.jmx.LeakyGrpcChildMain;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.jmx.transport.JmxSecurityFiles;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.TargetSpecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Headless captures with --histogram of real child JVMs (the JDK's JMX agent) whose grpc-java server, without the
 * bridge, takes 20 bidi streams a second from its own client: leaked (never closed) in one, half-closed and ended in
 * the other; and one of the demo target, which --demo starts.
 */
class HeadlessCaptureHistogramTest {

    private static final String SERVER_CALL = "io.grpc.internal.ServerCallImpl";
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final Duration HISTOGRAM_DEADLINE = Duration.ofSeconds(60);
    /** Calls the server has created but not yet handed to its handler, which counts them: a few at most. */
    private static final long IN_FLIGHT = 3;

    private static Target leaking;
    private static Target healthy;

    @TempDir
    Path temporary;

    /** A child JVM and the test's own JMX connection to read its counts. */
    private record Target(ChildJvm child, OpenedJmx jmx, LeakCountMXBean counts) implements AutoCloseable {

        static Target start(String... arguments) throws Exception {
            ChildJvm child = ChildJvm.startWithJmx(
                    LeakyGrpcChildMain.class,
                    Map.of("authenticate", "false", "ssl", "false"),
                    List.of(),
                    List.of(arguments));
            OpenedJmx jmx = JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS);
            LeakCountMXBean counts = JMX.newMXBeanProxy(
                    jmx.server(), new ObjectName(LeakyGrpcChildMain.LEAK_COUNT), LeakCountMXBean.class);
            return new Target(child, jmx, counts);
        }

        @Override
        public void close() throws IOException {
            jmx.connector().close();
            child.close();
        }
    }

    @BeforeAll
    static void startTargets() throws Exception {
        leaking = Target.start();
        healthy = Target.start(LeakyGrpcChildMain.HEALTHY);
    }

    @AfterAll
    static void stopTargets() throws IOException {
        if (leaking != null) {
            leaking.close();
        }
        if (healthy != null) {
            healthy.close();
        }
    }

    @Test
    void leakedStreamsShowAsServerCallsGrowingByTheLeakedCountBetweenStartAndEnd() throws Exception {
        Path out = temporary.resolve("leak");
        long[] atStartTaken = new long[2];
        long[] atEndAsked = new long[2];
        // the child's own counts right after the first histogram and right before the second one bound the growth
        Lines progress = new Lines(line -> {
            if (line.contains("class histogram at the start:")) {
                atStartTaken[0] = leaking.counts().getServed();
                atStartTaken[1] = leaking.counts().getLeaked();
            } else if (line.contains("at the end (at most")) {
                atEndAsked[0] = leaking.counts().getServed();
                atEndAsked[1] = leaking.counts().getLeaked();
            }
        });
        long servedBefore = leaking.counts().getServed();

        CaptureResult result = new HeadlessCapture(
                        options(leaking, out, Duration.ofSeconds(12), HistogramMode.ALL, HISTOGRAM_DEADLINE),
                        new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run();

        long servedAfter = leaking.counts().getServed();
        assertThat(atStartTaken[0]).as(progress.text()).isPositive();
        assertThat(atEndAsked[0]).as(progress.text()).isGreaterThan(atStartTaken[0]);
        SummaryNode histogram = CaptureFiles.summary(out).get("histogram");
        assertThat(histogram.get("mode").asText()).isEqualTo("all");
        SummaryNode serverCalls = streamClass(histogram, SERVER_CALL);
        long gained = serverCalls.get("end").asLong() - serverCalls.get("start").asLong();
        // every stream the server saw left a ServerCallImpl, and none ends, so none can be collected
        assertThat(gained)
                .as(histogram.toString())
                .isBetween(atEndAsked[0] - atStartTaken[0] - IN_FLIGHT, servedAfter - servedBefore + IN_FLIGHT);
        // and about as many as the client leaked meanwhile (some may still be on their way to the server)
        assertThat(gained).isCloseTo(atEndAsked[1] - atStartTaken[1], withinPercentage(25));
        long previousGain = Long.MAX_VALUE;
        for (SummaryNode row : histogram.get("streamClasses")) {
            long gain = row.get("end").asLong() - row.get("start").asLong();
            assertThat(gain).as("most instances gained first: " + histogram).isLessThanOrEqualTo(previousGain);
            previousGain = gain;
        }
        SummaryNode topGrowth = histogram.get("topGrowth");
        assertThat(topGrowth.size()).isBetween(1, 20);
        long previous = Long.MAX_VALUE;
        for (SummaryNode row : topGrowth) {
            assertThat(row.get("bytes").asLong()).as("most bytes gained first").isLessThanOrEqualTo(previous);
            previous = row.get("bytes").asLong();
        }
        assertThat(csvInstances(out.resolve(RecordingFiles.HISTOGRAM_START), SERVER_CALL))
                .isEqualTo(serverCalls.get("start").asLong());
        assertThat(csvInstances(out.resolve(RecordingFiles.HISTOGRAM_END), SERVER_CALL))
                .isEqualTo(serverCalls.get("end").asLong());
        // histograms change no verdict: a JMX-only target without the bridge has no stream evidence, and 12 s prove
        // neither growth nor age
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.files())
                .contains(out.resolve(RecordingFiles.HISTOGRAM_START).toAbsolutePath());
        // the folder still opens as a recording (--open), its charts drawn from what it holds
        assertThat(RecordingReader.read(out).summary().histogram().mode()).isEqualTo("all");
        CaptureFiles.assertChartsWritten(out, true, false, "heap");
    }

    @Test
    void streamsThatEndLeaveNoServerCallsBehindInLiveHistograms() throws Exception {
        Path out = temporary.resolve("healthy");
        Lines progress = new Lines(line -> {});
        long servedBefore = healthy.counts().getServed();

        CaptureResult result = new HeadlessCapture(
                        options(healthy, out, Duration.ofSeconds(10), HistogramMode.LIVE, HISTOGRAM_DEADLINE),
                        new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run();

        assertThat(healthy.counts().getServed() - servedBefore)
                .as("the server took calls all along, at 20 a second")
                .isGreaterThan(50);
        SummaryNode summary = CaptureFiles.summary(out);
        SummaryNode histogram = summary.get("histogram");
        assertThat(histogram.get("mode").asText()).isEqualTo("live");
        assertThat(histogram.get("topGrowth").isNull())
                .as("both histograms were taken")
                .isFalse();
        SummaryNode serverCalls = streamClass(histogram, SERVER_CALL);
        long start = serverCalls == null ? 0 : serverCalls.get("start").asLong();
        long end = serverCalls == null ? 0 : serverCalls.get("end").asLong();
        // only the calls in progress at either moment are reachable
        assertThat(end - start).as(histogram.toString()).isBetween(-IN_FLIGHT, IN_FLIGHT);
        assertThat(summary.get("gc").get("collectionsDuringCapture").asLong())
                .as("a live histogram runs a full GC on the target")
                .isPositive();
        assertThat(progress.text()).contains("class histogram at the start:").contains("class histogram at the end:");
        assertThat(result.verdict()).as("too short to prove anything").isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aHistogramPastItsDeadlineIsExplainedAndEverythingElseIsStillWritten() throws Exception {
        Path out = temporary.resolve("late");
        Lines progress = new Lines(line -> {});

        // no JVM walks its heap and answers over RMI within a millisecond
        CaptureResult result = new HeadlessCapture(
                        options(leaking, out, Duration.ofSeconds(5), HistogramMode.ALL, Duration.ofMillis(1)),
                        new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run();

        SummaryNode summary = CaptureFiles.summary(out);
        assertThat(summary.get("histogram").isNull()).isTrue();
        assertThat(summary.get("errors").toString())
                .contains("histogram.start: No class histogram from")
                .contains("histogram.end: No class histogram from")
                .contains("--histogram-deadline");
        assertThat(progress.text())
                .contains("no class histogram at the start")
                .contains("no class histogram at the end");
        assertThat(out.resolve(RecordingFiles.HISTOGRAM_START)).doesNotExist();
        assertThat(out.resolve(RecordingFiles.HISTOGRAM_END)).doesNotExist();
        assertThat(summary.get("heap").get("usedBytes").get("max").asLong()).isPositive();
        assertThat(result.verdict()).as("too short to prove anything").isEqualTo(Verdict.INCONCLUSIVE);
        CaptureFiles.assertChartsWritten(out, true, false, "heap");
    }

    @Test
    void theDemoTargetGivesClassHistogramsAtTheStartAndTheEnd() throws Exception {
        Path out = temporary.resolve("demo-histograms");
        LaunchOptions launch = new LaunchOptions();
        new CommandLine(launch)
                .parseArgs("--headless", "--demo", "--histogram", "all", "--duration", "5s", "--out", out.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        // the capture starts a demo target of its own, reached over JMX like any other
        new HeadlessCapture(CaptureOptions.from(launch, null), new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run();

        SummaryNode histogram = CaptureFiles.summary(out).get("histogram");
        assertThat(histogram.get("mode").asText())
                .as(progress.toString(StandardCharsets.UTF_8))
                .isEqualTo("all");
        List<String> classes = new ArrayList<>();
        for (SummaryNode row : histogram.get("streamClasses")) {
            classes.add(row.get("class").asText());
            assertThat(row.get("start").isNull() || row.get("end").isNull()).isFalse();
        }
        // the demo's leaked Watch streams are open calls on its server
        assertThat(classes).contains("io.grpc.internal.ServerCallImpl");
        assertThat(histogram.get("topGrowth").size()).isBetween(1, 20);
        assertThat(out.resolve(RecordingFiles.HISTOGRAM_START)).isNotEmptyFile();
        assertThat(out.resolve(RecordingFiles.HISTOGRAM_END)).isNotEmptyFile();
    }

    @Test
    void aReadonlyJmxUserIsToldWhyThereIsNoHistogramAndTheRestIsRecorded() throws Exception {
        Map<String, String> jmxremote = new HashMap<>(JmxSecurityFiles.authentication(temporary));
        jmxremote.put("ssl", "false");
        Path out = temporary.resolve("readonly");
        Lines progress = new Lines(line -> {});
        try (ChildJvm child = ChildJvm.startWithJmx(JmxChildMain.class, jmxremote, List.of(), List.of())) {
            CaptureOptions options = new CaptureOptions(
                    TargetSpecs.parse(
                            child.jmxAddress(),
                            JmxSecurityFiles.USER,
                            JmxSecurityFiles.PASSWORD.toCharArray(),
                            false,
                            "",
                            TargetSpecs.ChannelzOptions.PLAINTEXT),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(500),
                    TIMEOUTS,
                    out,
                    false,
                    LifetimePolicy.DEFAULT,
                    false,
                    Duration.ofSeconds(60),
                    HistogramMode.LIVE,
                    HISTOGRAM_DEADLINE);

            CaptureResult result =
                    new HeadlessCapture(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

            SummaryNode summary = CaptureFiles.summary(out);
            assertThat(summary.get("histogram").isNull()).isTrue();
            assertThat(summary.get("errors").toString())
                    .contains("histogram.start: ")
                    .contains("does not let 'monitor' invoke operations")
                    .contains("jcmd <pid> GC.class_histogram");
            assertThat(progress.text()).contains("no class histogram at the start");
            assertThat(summary.get("heap").get("usedBytes").get("max").asLong()).isPositive();
            assertThat(result.verdict()).as("too short to prove anything").isEqualTo(Verdict.INCONCLUSIVE);
        }
    }

    private static SummaryNode streamClass(SummaryNode histogram, String className) {
        for (SummaryNode row : histogram.get("streamClasses")) {
            if (row.get("class").asText().equals(className)) {
                return row;
            }
        }
        return null;
    }

    private static long csvInstances(Path csv, String className) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("class,instances,bytes");
        return lines.stream()
                .filter(line -> line.startsWith(className + ","))
                .mapToLong(line -> Long.parseLong(line.split(",")[1]))
                .findFirst()
                .orElseThrow();
    }

    private static CaptureOptions options(
            Target target, Path out, Duration duration, HistogramMode mode, Duration deadline) throws Exception {
        return new CaptureOptions(
                TargetSpecs.parse(
                        target.child().jmxAddress(), null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT),
                duration,
                Duration.ofMillis(500),
                TIMEOUTS,
                out,
                false,
                LifetimePolicy.DEFAULT,
                false,
                Duration.ofSeconds(60),
                mode,
                deadline);
    }

    /** The progress stream: every line as it is printed, to a callback, and all of it for messages. */
    private static final class Lines extends OutputStream {

        private final Consumer<String> onLine;
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b == '\n') {
                onLine.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
