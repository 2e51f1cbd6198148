package dev.streamscope.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules file as a service owner uses it: a real child JVM with the real Prometheus JMX exporter agent (copied from
 * Maven Central into target/agents by the build), {@code prometheus/streamscope-jmx-exporter.yml} and the bridge
 * tracking real grpc-java calls over Netty; the test reads {@code /metrics} over HTTP.
 */
class ExporterRulesTest {
    private static final Path AGENT = Path.of("target/agents/jmx_prometheus_javaagent.jar");
    private static final Path RULES = Path.of("prometheus/streamscope-jmx-exporter.yml");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The bridge's clock ticks every 10 ms; ages may lag the wall clock by that much. */
    private static final double CLOCK_SLACK_SECONDS = 0.05;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void metricsReadTheBridgesTrueValues() throws Exception {
        int port = freePort();
        long[] window = startTarget(port, "1h,/streamscope.probe.Probe/Hang=1s");
        long opening = window[0];
        long opened = window[1];

        // Wait until the hanging calls are clearly older than a second, so that a wrong unit would show.
        await().atMost(PATIENCE).until(() -> scrape(port).getOrDefault("grpc_streams_oldest_age_seconds", 0.0) > 1.5);
        long scrapeStart = System.currentTimeMillis();
        Map<String, Double> metrics = scrape(port);
        long scrapeEnd = System.currentTimeMillis();

        // The default tracker has no name label (an empty label is no label); the named one carries its name.
        for (String tracker : List.of("", "{name=\"edge\"}")) {
            assertThat(metrics)
                    .as(tracker)
                    .containsEntry("grpc_streams_open" + tracker, (double) ExporterTarget.HANGING_CALLS)
                    .containsEntry("grpc_streams_overdue" + tracker, (double) ExporterTarget.HANGING_CALLS)
                    .containsEntry("grpc_streams_started_total" + tracker, (double)
                            (ExporterTarget.ENDED_CALLS + ExporterTarget.HANGING_CALLS))
                    .containsEntry("grpc_streams_ended_total" + tracker, (double) ExporterTarget.ENDED_CALLS)
                    .containsEntry("grpc_streams_lifetime_seconds_count" + tracker, (double) ExporterTarget.ENDED_CALLS)
                    .containsEntry("grpc_streams_dropped_total" + tracker, 0.0);
            // The echo calls ended within the child's start-up, which took less than the time until the READY line.
            assertThat(metrics.get("grpc_streams_lifetime_seconds_sum" + tracker))
                    .isBetween(0.0, (opened - childStartMillis) / 1000.0);
            // The oldest call opened between `opening` and `opened`, so its age lies in this window at scrape time.
            assertThat(metrics.get("grpc_streams_oldest_age_seconds" + tracker))
                    .isBetween(
                            (scrapeStart - opened) / 1000.0 - CLOCK_SLACK_SECONDS,
                            (scrapeEnd - opening) / 1000.0 + CLOCK_SLACK_SECONDS);
        }
    }

    @Test
    void withoutLifetimesTheOverdueMetricIsAbsentNotNegative() throws Exception {
        int port = freePort();
        startTarget(port, null);

        Map<String, Double> metrics = scrape(port);

        assertThat(metrics).containsEntry("grpc_streams_open", (double) ExporterTarget.HANGING_CALLS);
        assertThat(metrics.keySet()).noneMatch(name -> name.startsWith("grpc_streams_overdue"));
    }

    private long childStartMillis;

    /** Starts the child with the agent on {@code port}; returns the epoch millis before and after it opened calls. */
    private long[] startTarget(int port, String lifetimes) throws Exception {
        assertThat(AGENT)
                .as("the build copies the exporter agent here (mvn process-test-resources)")
                .exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-javaagent:" + AGENT.toAbsolutePath() + "=127.0.0.1:" + port + ":" + RULES.toAbsolutePath());
        if (lifetimes != null) {
            command.add("-D" + StreamLifetimes.LIFETIME_PROPERTY + "=" + lifetimes);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExporterTarget.class.getName());
        childStartMillis = System.currentTimeMillis();
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> readUntilReady(ready, output), "exporter-target-output");
        reader.setDaemon(true);
        reader.start();
        String line = ready.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        String[] parts = line.split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    private void readUntilReady(CompletableFuture<String> ready, List<String> output) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith(ExporterTarget.READY + " ")) {
                    ready.complete(line);
                }
            }
            ready.completeExceptionally(new IllegalStateException("the child ended before it was ready: " + output));
        } catch (IOException failed) {
            ready.completeExceptionally(failed);
        }
    }

    /** The grpc_streams_* samples of one scrape, keyed by name and labels as printed. */
    private Map<String, Double> scrape(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("grpc_streams_")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
