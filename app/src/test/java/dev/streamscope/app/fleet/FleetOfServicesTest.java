package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleetcli.FleetCommand;
import dev.streamscope.app.jmx.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fleet as it runs: four child JVMs, each a grpc-java service whose streams the jmx-bridge tracks, exporting them
 * through the real Prometheus JMX exporter agent with the bridge's rules file, scraped every second by a real
 * Prometheus. Two leak at different rates; all four make healthy calls and streams that end. A second Prometheus scrapes
 * the two healthy ones only, so both fleets gather their trend window's history at once, and every test waits for the
 * same thing.
 */
class FleetOfServicesTest {

    private static final Path AGENT = Path.of(System.getProperty("streamscope.test.exporterAgent"));
    private static final Path RULES = Path.of(System.getProperty("streamscope.test.exporterRules"));
    /** Long enough that a healthy call caught open by one scrape cannot tip a least-squares slope past 1 a minute. */
    private static final Duration TREND_WINDOW = Duration.ofSeconds(40);
    /** Samples an instance needs in the trend window before it is judged; one a second when the machine keeps up. */
    private static final int SAMPLES_IN_WINDOW = 30;

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    @RegisterExtension
    static final PrometheusServer HEALTHY_ONLY = new PrometheusServer();

    private static final List<ChildJvm> CHILDREN = new CopyOnWriteArrayList<>();
    private static String fastLeak;
    private static String slowLeak;
    private static String healthy;
    private static String alsoHealthy;

    @TempDir
    Path out;

    @BeforeAll
    static void startServices() throws Exception {
        assertThat(AGENT)
                .as("the build copies the exporter agent here (mvn process-test-resources)")
                .exists();
        // the JVMs start at once: each takes seconds to load grpc-java and the agent
        CompletableFuture<String> fast = service(4, 2);
        CompletableFuture<String> slow = service(1, 2);
        CompletableFuture<String> first = service(0, 2);
        CompletableFuture<String> second = service(0, 2);
        fastLeak = fast.join();
        slowLeak = slow.join();
        healthy = first.join();
        alsoHealthy = second.join();
        scrape(PROMETHEUS, healthy, fastLeak, alsoHealthy, slowLeak);
        scrape(HEALTHY_ONLY, healthy, alsoHealthy);
        // both servers gather their history meanwhile: one wait for all the tests
        CompletableFuture<Void> healthyHistory =
                CompletableFuture.runAsync(() -> awaitHistory(HEALTHY_ONLY, Set.of(healthy, alsoHealthy)));
        awaitHistory(PROMETHEUS, Set.of(healthy, fastLeak, alsoHealthy, slowLeak));
        healthyHistory.join();
    }

    @AfterAll
    static void stopServices() {
        CHILDREN.forEach(ChildJvm::close);
    }

    @Test
    void theTwoLeakingServicesComeFirstTheFasterOnTopAndTheRunExitsFour() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = headlessRun(PROMETHEUS, err);

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(FleetCommand.EXIT_GROWING);
        JsonArray instances = instances();
        assertThat(instances).hasSize(4);
        assertThat(List.of(field(instances, 0, "instance"), field(instances, 1, "instance")))
                .as(instances.toString())
                .containsExactly(fastLeak, slowLeak);
        // one leaked stream every 250 ms and every second: about 240 and 60 a minute, far above the 1 a minute mark
        assertThat(number(instances, 0, "perMinute")).isGreaterThan(number(instances, 1, "perMinute"));
        assertThat(number(instances, 1, "perMinute")).isGreaterThan(FleetRow.GROWING_PER_MINUTE * 10);
        for (int row = 2; row < 4; row++) {
            assertThat(number(instances, row, "perMinute"))
                    .as(instances.toString())
                    .isLessThan(FleetRow.GROWING_PER_MINUTE);
        }
        // no lifetimes were given, so nothing is overdue: growth is the only evidence, hence 4 and not 3
        assertThat(instances)
                .allSatisfy(
                        row -> assertThat(row.getAsJsonObject().get("overdue").isJsonNull())
                                .as(row.toString())
                                .isTrue());
        assertThat(number(instances, 0, "oldestAgeSeconds")).isGreaterThan(TREND_WINDOW.toSeconds() / 2.0);
    }

    @Test
    void aFleetWhoseStreamsAllEndExitsZero() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = headlessRun(HEALTHY_ONLY, err);

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(FleetCommand.EXIT_HEALTHY);
        JsonArray instances = instances();
        assertThat(instances).hasSize(2);
        assertThat(instances)
                .allSatisfy(
                        row -> assertThat(row.getAsJsonObject().get("perMinute").getAsDouble())
                                .as(row.toString())
                                .isLessThan(FleetRow.GROWING_PER_MINUTE));
    }

    @Test
    void theExporterAgentsNamesFillEveryColumn() throws Exception {
        FleetSnapshot fleet = evaluator().evaluate();

        FleetRow row = fleet.rows().stream()
                .filter(candidate -> candidate.instance().equals(fastLeak))
                .findFirst()
                .orElseThrow();
        assertThat(row.labels()).containsEntry("job", "fleet").containsEntry("pod", "service-0");
        assertThat(row.open()).isGreaterThan(0);
        assertThat(row.oldestAgeSeconds()).isGreaterThan(0);
        // the agent's own JVM metrics (jvm_memory_used_bytes, 1.x names) for a child started with -Xmx64m
        assertThat(row.heapUsedBytes()).isGreaterThan(0);
        assertThat(row.heapMaxBytes()).isBetween(row.heapUsedBytes(), 128.0 * (1 << 20));
        assertThat(row.sparkline().max()).isGreaterThan(0);
    }

    /** Starts one service with the agent on a free port; another port when that one was taken meanwhile. */
    private static CompletableFuture<String> service(double leakedPerSecond, double healthyPerSecond) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return startService(leakedPerSecond, healthyPerSecond);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String startService(double leakedPerSecond, double healthyPerSecond) throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = ChildJvm.freePort();
            try {
                CHILDREN.add(ChildJvm.start(
                        FleetServiceChildMain.class,
                        List.of("-javaagent:" + AGENT.toAbsolutePath() + "=127.0.0.1:" + port + ":"
                                + RULES.toAbsolutePath()),
                        List.of(Double.toString(leakedPerSecond), Double.toString(healthyPerSecond))));
                return "127.0.0.1:" + port;
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("already in use")) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Scrapes these services only, each with a pod label of its own. */
    private static void scrape(PrometheusServer prometheus, String... instances) throws IOException {
        List<String> all = List.of(fastLeak, slowLeak, healthy, alsoHealthy);
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (String instance : instances) {
            targets.add(new PrometheusServer.Target(instance, Map.of("pod", "service-" + all.indexOf(instance))));
        }
        prometheus.scrape(targets);
    }

    /** Waits until exactly these instances report open streams, each with a trend window's worth of samples. */
    private static void awaitHistory(PrometheusServer prometheus, Set<String> instances) {
        PrometheusClient client = client(prometheus);
        String samples =
                "count_over_time(grpc_streams_open[" + TREND_WINDOW.toSeconds() + "s]) >= " + SAMPLES_IN_WINDOW;
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreException(PrometheusProblem.class)
                .until(() -> {
                    Set<String> reporting = labels(client.await(client.instant("grpc_streams_open")));
                    Set<String> judged = labels(client.await(client.instant(samples)));
                    return reporting.equals(instances) && judged.containsAll(instances);
                });
    }

    private static Set<String> labels(List<PrometheusSeries> answer) {
        return answer.stream()
                .map(series -> series.labels().getOrDefault("instance", ""))
                .collect(Collectors.toSet());
    }

    private int headlessRun(PrometheusServer prometheus, ByteArrayOutputStream err) {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options)
                .parseArgs(
                        "--headless",
                        "--prometheus",
                        prometheus.url().toString(),
                        "--out",
                        out.toString(),
                        "--trend-window",
                        TREND_WINDOW.toSeconds() + "s");
        return FleetCommand.run(options, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private JsonArray instances() throws Exception {
        return JsonParser.parseString(Files.readString(out.resolve("fleet.json")))
                .getAsJsonObject()
                .getAsJsonArray("instances");
    }

    private static String field(JsonArray instances, int row, String name) {
        return instances.get(row).getAsJsonObject().get(name).getAsString();
    }

    private static double number(JsonArray instances, int row, String name) {
        JsonElement value = instances.get(row).getAsJsonObject().get(name);
        return value.getAsDouble();
    }

    private static FleetEvaluator evaluator() {
        return new FleetEvaluator(client(PROMETHEUS), FleetMetrics.DEFAULTS, TREND_WINDOW, Clock.systemUTC());
    }

    private static PrometheusClient client(PrometheusServer prometheus) {
        try {
            return new PrometheusClient(
                    new PrometheusEndpoint(prometheus.url(), "", "", "", ""),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(20));
        } catch (PrometheusProblem e) {
            throw new IllegalStateException(e);
        }
    }
}
