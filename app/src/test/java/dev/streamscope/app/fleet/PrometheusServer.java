package dev.streamscope.app.fleet;

import static org.awaitility.Awaitility.await;

import dev.streamscope.app.jmx.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus (the Debian package's {@code /usr/bin/prometheus}; {@code .ci/run} installs it) on a free
 * loopback port, with a generated configuration: one job scraping every second the targets given to
 * {@link #scrape}, through a file the server rereads, so tests add targets without a restart. Its storage is a
 * temporary folder, removed afterwards. Register with {@code @RegisterExtension static}.
 */
public final class PrometheusServer implements BeforeAllCallback, AfterAllCallback {

    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);

    private final Duration scrapeInterval;
    private Path folder;
    private Process process;
    private URI url;

    /** A server scraping every second, for tests that watch values change. */
    public PrometheusServer() {
        this(Duration.ofSeconds(1));
    }

    public PrometheusServer(Duration scrapeInterval) {
        this.scrapeInterval = scrapeInterval;
    }

    /** A target to scrape, with the labels its discovery gives it (namespace, pod…). */
    public record Target(String address, Map<String, String> labels) {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(null);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /**
     * Starts the server, first loading {@code history} (an OpenMetrics file with timestamps, or null) into its storage
     * with {@code promtool tsdb create-blocks-from openmetrics}.
     */
    public void start(Path history) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("These tests run a real Prometheus: install it with"
                    + " 'apt-get install -y prometheus' (.ci/run does it when missing)");
        }
        folder = Files.createTempDirectory("streamscope-prometheus");
        scrape(List.of());
        if (history != null) {
            Process promtool = new ProcessBuilder(
                            BINARY.resolveSibling("promtool").toString(),
                            "tsdb",
                            "create-blocks-from",
                            "openmetrics",
                            "--quiet",
                            history.toString(),
                            folder.resolve("data").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("promtool.log").toFile())
                    .start();
            if (promtool.waitFor() != 0) {
                throw new IllegalStateException("promtool failed: " + Files.readString(folder.resolve("promtool.log")));
            }
        }
        Files.writeString(
                folder.resolve("prometheus.yml"),
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "  scrape_timeout: 1s",
                        "scrape_configs:",
                        "  - job_name: fleet",
                        // one endpoint may stand in for many instances by naming them in its samples
                        "    honor_labels: true",
                        "    file_sd_configs:",
                        "      - files: ['" + folder.resolve("targets.json") + "']",
                        "        refresh_interval: 1s",
                        ""));
        int port = ChildJvm.freePort();
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + folder.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + folder.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("prometheus.log").toFile())
                .start();
        url = URI.create("http://127.0.0.1:" + port);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(STARTUP_DEADLINE).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Prometheus ended: " + log());
            }
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** Stops the server and removes its storage. */
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }

    /** CPU time the server has used so far (user + system), from /proc. */
    public Duration cpuTime() throws IOException {
        String[] fields = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))
                .replaceFirst(".*\\) ", "")
                .split(" ");
        // utime and stime, fields 14 and 15 of stat, counted in clock ticks of 10 ms
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Duration.ofMillis(ticks * 10);
    }

    public URI url() {
        return url;
    }

    /** Replaces the scraped targets; Prometheus picks the change up within a second or two. */
    public void scrape(List<Target> targets) throws IOException {
        String groups = targets.stream()
                .map(target -> "{\"targets\":[\"" + target.address() + "\"],\"labels\":{"
                        + target.labels().entrySet().stream()
                                .map(label -> "\"" + label.getKey() + "\":\"" + label.getValue() + "\"")
                                .collect(Collectors.joining(","))
                        + "}}")
                .collect(Collectors.joining(","));
        Path temporary = folder.resolve("targets.json.tmp");
        Files.writeString(temporary, "[" + groups + "]");
        Files.move(temporary, folder.resolve("targets.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    String log() {
        try {
            return Files.readString(folder.resolve("prometheus.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
