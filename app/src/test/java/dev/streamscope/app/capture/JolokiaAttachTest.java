package dev.streamscope.app.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.demo.JolokiaDemoChildMain;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JolokiaAgent;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.gc.GcInfoMapper;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.jolokia.JolokiaTarget;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jolokia.client.J4pClient;
import org.jolokia.client.exception.J4pRemoteException;
import org.jolokia.client.request.J4pReadRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo service (with the jmx-bridge), started with no JMX options at all, is given the real Jolokia agent while it
 * runs (attached with the agent's own command line, no restart) under the policy shipped in docs/jolokia-access.xml;
 * {@code --headless --jolokia URL} records its heap, its GC pauses and the bridge's streams.
 */
class JolokiaAttachTest {

    private static final Path SHIPPED_POLICY = Path.of(
                    System.getProperty("basedir", "."), "..", "docs", "jolokia-access.xml")
            .toAbsolutePath();

    private static ChildJvm child;
    private static String url;

    @TempDir
    Path temporary;

    @BeforeAll
    static void attachToARunningJvm() throws Exception {
        child = ChildJvm.start(JolokiaDemoChildMain.class, List.of(), List.of());
        int port = ChildJvm.freePort();
        assertThat(SHIPPED_POLICY).isRegularFile();
        JolokiaAgent.attach(
                child.pid(), port, "--policyLocation", SHIPPED_POLICY.toUri().toString());
        url = JolokiaAgent.url(port);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void headlessCaptureRecordsHeapAndGcPausesOfAJvmWhoseAgentWasAttachedWhileItRan() throws Exception {
        LaunchOptions launch = new LaunchOptions();
        new CommandLine(launch)
                .parseArgs(
                        "--headless",
                        "--jolokia",
                        url,
                        "--duration",
                        "6s",
                        "--interval",
                        "500ms",
                        "--out",
                        temporary.resolve("attached").toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        HeadlessCapture capture = new HeadlessCapture(
                CaptureOptions.from(launch, null), new PrintStream(progress, true, StandardCharsets.UTF_8));

        CompletableFuture<CaptureResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return capture.run();
            } catch (Exception failed) {
                throw new CompletionException(failed);
            }
        });
        // collections in the target while it is recorded, caused from its host as a user would (jcmd GC.run)
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (!running.isDone()) {
                        runGcInChild();
                    }
                    return running.isDone();
                });
        CaptureResult result = running.get();

        assertThat(result.verdict()).isNotEqualTo(Verdict.TARGET_UNREACHABLE);
        SummaryNode summary = CaptureFiles.summary(result.folder());
        assertThat(summary.get("target").get("jmx").asText()).isEqualTo(url);
        assertThat(summary.get("window").get("samples").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(summary.get("heap").get("usedBytes").get("last").asLong()).isPositive();
        assertThat(summary.get("errors").toString()).doesNotContain("forbid");
        assertThat(Files.readString(result.folder().resolve(RecordingFiles.STREAMS)))
                .contains("/");
        assertThat(Files.readString(result.folder().resolve(RecordingFiles.GC_EVENTS)))
                .contains(GcInfoMapper.LAST_GC_INFO_ACTION);
        // what polling LastGcInfo loses is said where the user reads the connection's status
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("LastGcInfo");
    }

    /** {@code jcmd PID GC.run}: the JDK's own tool, since the shipped policy rightly forbids Memory.gc() over HTTP. */
    private static void runGcInChild() throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(child.pid()),
                        "GC.run")
                .redirectErrorStream(true)
                .start();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS))
                .as("jcmd GC.run finished")
                .isTrue();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.exitValue()).as(output).isZero();
    }

    @Test
    void theShippedPolicyAllowsWhatStreamScopeReadsAndInvokesAndNothingElse() throws Exception {
        try (JvmConnection connection =
                JvmConnections.open(JolokiaTarget.parse(url, null, null, null), Timeouts.DEFAULT)) {
            assertThat(connection.sample().heap().used()).isPositive();
            assertThat(connection.readStreams(10, LifetimePolicy.DEFAULT))
                    .hasValueSatisfying(streams -> assertThat(streams.oldest()).isNotEmpty());
            assertThat(connection
                            .classHistogram(HistogramMode.ALL, Duration.ofSeconds(30))
                            .rows())
                    .isNotEmpty();
            assertThat(connection.threadDump(Duration.ofSeconds(30)).threads()).isNotEmpty();
        }
        // an attribute StreamScope does not read: the policy refuses it
        J4pClient client = new J4pClient(url);
        assertThatThrownBy(() -> client.execute(new J4pReadRequest("java.lang:type=Runtime", "InputArguments"), "POST"))
                .isInstanceOfSatisfying(
                        J4pRemoteException.class,
                        refused -> assertThat(refused.getStatus()).isEqualTo(403));
    }
}
