package dev.streamscope.app.jmx.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.capture.CaptureOptions;
import dev.streamscope.app.capture.CaptureResult;
import dev.streamscope.app.capture.HeadlessCapture;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.RemoteJvmConnection;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxConnector;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.TargetSpecs;
import dev.streamscope.app.streams.StreamGrowth;
import dev.streamscope.app.threads.FindingKind;
import dev.streamscope.app.threads.ThreadAnalysis;
import dev.streamscope.app.threads.ThreadDumpText;
import dev.streamscope.app.threads.ThreadFinding;
import dev.streamscope.app.threads.ThreadReport;
import dev.streamscope.app.threads.ThreadRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thread dumps of real grpc-java services in two child JVMs over JMX, through the rules: the troubled one's blocked
 * event loop, stuck blocking call and saturated pool are named; the healthy one's services give nothing. A headless
 * capture of the troubled one shares its child JVM.
 */
class ThreadFindingsTargetTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The default rules, with a stuck unary call after 2 s instead of 10 s, to keep the test short. */
    private static final ThreadRules RULES = new ThreadRules(3, Duration.ofSeconds(2), Duration.ofMinutes(5), 3);

    private static ChildJvm troubled;
    private static ChildJvm healthy;
    private static JvmConnection troubledConnection;
    private static JvmConnection healthyConnection;

    @BeforeAll
    static void startTargets() throws Exception {
        CompletableFuture<ChildJvm> startingHealthy = CompletableFuture.supplyAsync(() -> start(HEALTHY_ARGUMENT));
        troubled = start(ThreadTroubleChildMain.TROUBLED);
        healthy = startingHealthy.join();
        troubledConnection = connect(troubled);
        healthyConnection = connect(healthy);
    }

    private static final String HEALTHY_ARGUMENT = ThreadTroubleChildMain.HEALTHY;

    private static ChildJvm start(String mode) {
        try {
            return ChildJvm.startWithJmx(
                    ThreadTroubleChildMain.class,
                    Map.of("authenticate", "false", "ssl", "false"),
                    List.of(),
                    List.of(mode));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JvmConnection connect(ChildJvm child) throws Exception {
        return RemoteJvmConnection.open(
                JmxConnector.open(JmxAddress.parse(child.jmxAddress(), null, null, false), TIMEOUTS), TIMEOUTS);
    }

    @AfterAll
    static void stopTargets() {
        for (JvmConnection connection : new JvmConnection[] {troubledConnection, healthyConnection}) {
            if (connection != null) {
                connection.close();
            }
        }
        for (ChildJvm child : new ChildJvm[] {troubled, healthy}) {
            if (child != null) {
                child.close();
            }
        }
    }

    @Test
    void troubledServicesAreNamedWithTheirFrames() {
        ThreadAnalysis analysis = new ThreadAnalysis(RULES);
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(700))
                .until(
                        () -> analysis.apply(troubledConnection.threadDump(DEADLINE)).active().stream()
                                .map(ThreadFinding::kind)
                                .distinct()
                                .count(),
                        kinds -> kinds == 3);
        ThreadReport report = analysis.report();

        assertThat(finding(report, FindingKind.BLOCKED_EVENT_LOOP).frame())
                .startsWith(
                        ThreadTroubleChildMain.class.getName() + "." + ThreadTroubleChildMain.BLOCKING_METHOD + "(");
        ThreadFinding stuck = finding(report, FindingKind.STUCK_BLOCKING_CALL);
        assertThat(stuck.subject()).isEqualTo(ThreadTroubleChildMain.STUCK_CALLER);
        assertThat(stuck.evidence()).contains("blocking unary call").contains("deadline");
        assertThat(finding(report, FindingKind.SATURATED_POOL).subject())
                .isEqualTo(ThreadTroubleChildMain.SATURATED_POOL);
        assertThat(report.active()).extracting(ThreadFinding::kind).doesNotContain(FindingKind.DEADLOCK);
        assertThat(report.lastDump().locksIncluded()).isTrue();
        assertThat(report.lastDump().bytes()).as("metered on the connection").isPositive();
        assertThat(ThreadDumpText.format(report.lastDump()))
                .contains("\"" + ThreadTroubleChildMain.STUCK_CALLER + "\"")
                .contains("io.grpc.stub.ClientCalls.blockingUnaryCall(");
    }

    @Test
    void healthyServicesGiveNothing() {
        ThreadAnalysis analysis = new ThreadAnalysis(RULES);
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> analysis.apply(healthyConnection.threadDump(DEADLINE))
                                .all(),
                        List::isEmpty);

        ThreadReport report = analysis.report();
        assertThat(report.samples()).isGreaterThanOrEqualTo(RULES.poolSamples() + 1);
        assertThat(report.lastDump().threads())
                .extracting(ThreadRecord::name)
                .contains("quick-caller", "stream-reader", "quiet-watcher");
        assertThat(report.groups()).anySatisfy(group -> assertThat(group.pool()).isEqualTo("busy-*"));
    }

    /** The capture and the recording folder: --threads writes the files, the verdict, and --open reads them back. */
    @Test
    void aCaptureWithThreadsProvesTheBlockedEventLoopAndItsFolderReadsBack(@TempDir Path folder) throws Exception {
        CaptureOptions options = new CaptureOptions(
                TargetSpecs.parse(troubled.jmxAddress(), null, null, false, "", TargetSpecs.ChannelzOptions.PLAINTEXT),
                Duration.ofSeconds(16),
                Duration.ofSeconds(1),
                TIMEOUTS,
                folder,
                true,
                LifetimePolicy.DEFAULT,
                false,
                StreamGrowth.DEFAULT_WINDOW,
                null,
                LaunchOptions.DEFAULT_HISTOGRAM_DEADLINE,
                true);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        CaptureResult result =
                new HeadlessCapture(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(result.verdict())
                .as(progress.toString(StandardCharsets.UTF_8))
                .isEqualTo(Verdict.BLOCKED_EVENT_LOOP);
        assertThat(result.verdict().exitStatus()).isEqualTo(5);
        assertThat(Files.readString(folder.resolve("threads-end.txt")))
                .contains("ThreadTroubleChildMain.sleepOnTheEventLoop(");
        assertThat(Files.readString(folder.resolve("threads.json"))).contains("BLOCKED_EVENT_LOOP");
        Summary.Threads threads = result.summary().threads();
        assertThat(threads.dumps()).isGreaterThanOrEqualTo(3);
        assertThat(threads.findings())
                .extracting(Summary.ThreadFindingLine::kind)
                .contains("BLOCKED_EVENT_LOOP", "SATURATED_POOL");

        SavedRecording saved = RecordingReader.read(folder);
        assertThat(saved.threadDump()).contains("sleepOnTheEventLoop");
        assertThat(saved.threads().report().all())
                .extracting(ThreadFinding::kind)
                .contains(FindingKind.BLOCKED_EVENT_LOOP);
        assertThat(LiveRecording.opened(saved).latest().threads().all()).isNotEmpty();
    }

    private static ThreadFinding finding(ThreadReport report, FindingKind kind) {
        return report.active().stream()
                .filter(finding -> finding.kind() == kind)
                .findFirst()
                .orElseThrow();
    }
}
