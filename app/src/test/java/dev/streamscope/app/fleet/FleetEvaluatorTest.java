package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.base.SettableClock;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleetcli.FleetCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real Prometheus scraping five instances every second: two leaking at different rates, one with many open streams
 * but flat, one small and flat, and one that turns overdue halfway through. The instances are {@link MetricsEndpoint}s
 * standing in for the JMX exporter (three) and the Micrometer binder (two, tagged by method and side).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetEvaluatorTest {

    private static final Duration TREND_WINDOW = Duration.ofSeconds(10);
    /** Sparklines of a minute on 2 s steps, not the window's 15 minutes on 15 s: the kept steps fill within seconds. */
    private static final Duration SPARKLINE_SPAN = Duration.ofMinutes(1);

    private static final Duration SPARKLINE_STEP = Duration.ofSeconds(2);
    private static final long STARTED = System.nanoTime();

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final List<MetricsEndpoint> ENDPOINTS = new ArrayList<>();
    private static final AtomicReference<Double> LATE_OVERDUE = new AtomicReference<>(0.0);
    private static String fastLeak;
    private static String slowLeak;
    private static String busy;
    private static String quiet;
    private static String lateOverdue;

    @TempDir
    Path out;

    @BeforeAll
    static void startFleet() throws Exception {
        fastLeak = exporter(() -> 100 + 10 * seconds(), () -> 0.0);
        slowLeak = micrometer(() -> 50 + 2 * seconds());
        busy = exporter(() -> 1000.0, () -> 0.0);
        quiet = micrometer(() -> 20.0);
        lateOverdue = exporter(() -> 30.0, LATE_OVERDUE::get);
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            targets.add(new PrometheusServer.Target(
                    ENDPOINTS.get(i).address(), Map.of("namespace", "prod", "pod", "api-" + i)));
        }
        PROMETHEUS.scrape(targets);
    }

    @AfterAll
    static void stopFleet() {
        ENDPOINTS.forEach(MetricsEndpoint::close);
    }

    @Test
    @Order(1)
    void leakingInstancesComeFirstTheFasterOnTop() throws Exception {
        FleetSnapshot fleet = awaitFleet(snapshot -> snapshot.rows().size() == 5
                && snapshot.rows().stream().noneMatch(row -> Double.isNaN(row.perMinute())));

        assertThat(fleet.rows())
                .extracting(FleetRow::instance)
                .containsExactly(fastLeak, slowLeak, busy, lateOverdue, quiet);
        // 6 bridge and 3 standard instant queries, the sparklines; no trend range query: no standard family present
        assertThat(fleet.queries()).isEqualTo(10);
        FleetRow fast = fleet.rows().get(0);
        assertThat(fast.perMinute()).isCloseTo(600, within(120.0));
        assertThat(fleet.rows().get(1).perMinute()).isCloseTo(120, within(30.0));
        assertThat(fleet.rows().subList(2, 5))
                .allSatisfy(row -> assertThat(row.grows()).isFalse());
        assertThat(fleet.rows()).noneMatch(FleetRow::hasOverdue);
        assertThat(fast.labels()).containsEntry("job", "fleet").containsEntry("namespace", "prod");
        assertThat(fast.heapUsedBytes()).isEqualTo(100e6);
        // Micrometer's two heap pools and two stream tags are summed into one row
        FleetRow micrometer = fleet.rows().get(4);
        assertThat(micrometer.open()).isEqualTo(20);
        assertThat(micrometer.heapUsedBytes()).isEqualTo(30e6);
        assertThat(micrometer.heapMaxBytes())
                .as("Eden's max of -1 (none) left out")
                .isEqualTo(201e6);
        assertThat(fast.sparkline().size()).isEqualTo(31);
        assertThat(fast.sparkline().max()).isGreaterThan(100);
    }

    @Test
    @Order(2)
    void headlessRunExitsFourWhenStreamsGrowAndNoneIsOverdue() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = FleetCommand.run(
                options(
                        "--headless",
                        "--prometheus",
                        PROMETHEUS.url().toString(),
                        "--out",
                        out.toString(),
                        "--trend-window",
                        "10s"),
                Map.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(FleetCommand.EXIT_GROWING);
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("fleet.json")))
                .getAsJsonObject();
        JsonObject first = json.getAsJsonArray("instances").get(0).getAsJsonObject();
        assertThat(first.get("instance").getAsString()).isEqualTo(fastLeak);
        assertThat(first.getAsJsonObject("labels").get("pod").getAsString()).isEqualTo("api-0");
        assertThat(first.get("perMinute").getAsDouble()).isGreaterThan(300);
        assertThat(json.getAsJsonArray("instances")
                        .get(4)
                        .getAsJsonObject()
                        .get("overdue")
                        .getAsDouble())
                .isZero();
        List<String> csv = Files.readAllLines(out.resolve("fleet.csv"));
        assertThat(csv.get(0))
                .isEqualTo(
                        "instance,open,perMinute,overdue,oldestAgeSeconds,heapUsedBytes,heapMaxBytes,inFlight,source,"
                                + "side,method,methods,label_job,label_namespace,label_pod");
        assertThat(csv).hasSize(6);
        assertThat(csv.get(1)).startsWith(fastLeak + ",");
    }

    @Test
    @Order(3)
    void anInstanceWithOverdueStreamsOutranksGrowthAndTheRunExitsThree() throws Exception {
        LATE_OVERDUE.set(5.0);

        FleetSnapshot fleet = awaitFleet(snapshot -> snapshot.rows().get(0).hasOverdue());

        assertThat(fleet.rows()).extracting(FleetRow::instance).startsWith(lateOverdue, fastLeak, slowLeak);
        int status = FleetCommand.run(
                options("--headless", "--prometheus", PROMETHEUS.url().toString(), "--out", out.toString()),
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(FleetCommand.EXIT_OVERDUE);
    }

    @Test
    void aKeptEvaluatorDrawsTheSameSparklinesAsAFreshOne() throws Exception {
        // enough history that the kept steps and the newly asked ones both hold samples: some 20 s of scrapes, while
        // the steps asked for below start some 15 s ago
        awaitFleet(snapshot -> points(snapshot.rows().get(0).sparkline()) >= 10);
        // on a step, and past by more than a scrape: every step asked for holds settled samples, none the latest
        long step = SPARKLINE_STEP.toMillis();
        Instant now = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis() - 5_000, step) * step);
        SettableClock time = new SettableClock(now.minusSeconds(7));
        FleetEvaluator kept = evaluator(time);
        kept.evaluate();
        time.set(now);

        FleetSnapshot later = kept.evaluate();
        FleetSnapshot fresh = evaluator(Clock.fixed(now, ZoneOffset.UTC)).evaluate();

        assertThat(later.rows()).hasSameSizeAs(fresh.rows());
        for (FleetRow expected : fresh.rows()) {
            FleetRow actual = later.rows().stream()
                    .filter(row -> row.instance().equals(expected.instance()))
                    .findFirst()
                    .orElseThrow();
            assertThat(actual.sparkline().startMillis())
                    .isEqualTo(expected.sparkline().startMillis());
            assertThat(values(actual.sparkline()))
                    .as(expected.instance())
                    .containsExactly(values(expected.sparkline()));
        }
        // samples both in a step kept from the first refresh (8 s ago; the second asks from 6 s ago) and in the last
        Sparkline line = later.rows().get(0).sparkline();
        assertThat(line.valueAt(line.size() - 5)).isNotNaN();
        assertThat(line.valueAt(line.size() - 1)).isNotNaN();
    }

    @Test
    void promqlErrorCarriesPrometheussOwnText() throws Exception {
        PrometheusClient client = client();

        assertThatThrownBy(() -> client.await(client.instant("sum by (instance (grpc_streams_open)")))
                .isInstanceOf(PrometheusProblem.class)
                .hasMessageStartingWith("Prometheus rejected the query sum by (instance (grpc_streams_open): ")
                .hasMessageContaining("parse error")
                .extracting(problem -> ((PrometheusProblem) problem).kind())
                .isEqualTo(PrometheusProblem.Kind.QUERY);
    }

    @Test
    void noInstanceReportingTheMetricSaysWhereToFindTheRules() throws Exception {
        FleetMetrics renamed = FleetMetrics.parse("open=grpc_streams_absent");
        FleetEvaluator evaluator = new FleetEvaluator(client(), renamed, TREND_WINDOW, Clock.systemUTC());

        assertThatThrownBy(evaluator::evaluate)
                .isInstanceOf(PrometheusProblem.class)
                .hasMessageStartingWith("No instance reports any of grpc_streams_absent (jmx-bridge),")
                .hasMessageContainingAll(
                        "grpc_server_started_total",
                        "grpc_server_call_started_total",
                        "grpc_server_active_seconds_count",
                        "jmx-bridge/README.md");
    }

    private static long points(Sparkline line) {
        return Arrays.stream(values(line)).filter(value -> !Double.isNaN(value)).count();
    }

    private static double[] values(Sparkline line) {
        double[] values = new double[line.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = line.valueAt(i);
        }
        return values;
    }

    private static FleetEvaluator evaluator(Clock clock) {
        return new FleetEvaluator(client(), FleetMetrics.DEFAULTS, TREND_WINDOW, clock, SPARKLINE_SPAN, SPARKLINE_STEP);
    }

    private static FleetSnapshot awaitFleet(java.util.function.Predicate<FleetSnapshot> done) {
        FleetEvaluator evaluator = evaluator(Clock.systemUTC());
        AtomicReference<FleetSnapshot> last = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreException(PrometheusProblem.class)
                .until(() -> {
                    last.set(evaluator.evaluate());
                    return done.test(last.get());
                });
        return last.get();
    }

    private static PrometheusClient client() {
        try {
            return new PrometheusClient(
                    new PrometheusEndpoint(PROMETHEUS.url(), "", "", "", ""),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10));
        } catch (PrometheusProblem e) {
            throw new IllegalStateException(e);
        }
    }

    private static LaunchOptions options(String... args) {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private static double seconds() {
        return (System.nanoTime() - STARTED) / 1e9;
    }

    /** The names the bridge's JMX exporter rules give, and the 0.x exporter's JVM heap names. */
    private static String exporter(java.util.function.DoubleSupplier open, java.util.function.Supplier<Double> overdue)
            throws Exception {
        return serve(() -> String.join(
                "\n",
                "# TYPE grpc_streams_open gauge",
                "grpc_streams_open " + open.getAsDouble(),
                "grpc_streams_overdue " + overdue.get(),
                "grpc_streams_oldest_age_seconds " + seconds(),
                "grpc_streams_started_total " + (open.getAsDouble() + 500),
                "jvm_memory_bytes_used{area=\"heap\"} 1.0E8",
                "jvm_memory_bytes_max{area=\"heap\"} 5.0E8",
                "jvm_memory_bytes_used{area=\"nonheap\"} 4.0E7",
                ""));
    }

    /** Micrometer's Prometheus names: streams tagged by method and side, heap by memory pool. */
    private static String micrometer(java.util.function.DoubleSupplier open) throws Exception {
        return serve(() -> String.join(
                "\n",
                "grpc_streams_open{method=\"pkg.Svc/Watch\",side=\"server\"} " + open.getAsDouble() / 2,
                "grpc_streams_open{method=\"pkg.Svc/Watch\",side=\"client\"} " + open.getAsDouble() / 2,
                "grpc_streams_overdue{method=\"pkg.Svc/Watch\",side=\"server\"} 0",
                "grpc_streams_oldest_age_seconds{method=\"pkg.Svc/Watch\",side=\"server\"} 3",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.0E7",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2.0E7",
                "jvm_memory_max_bytes{area=\"heap\",id=\"G1 Eden Space\"} -1",
                "jvm_memory_max_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2.01E8",
                ""));
    }

    private static String serve(java.util.function.Supplier<String> exposition) throws Exception {
        MetricsEndpoint endpoint = new MetricsEndpoint(exposition);
        ENDPOINTS.add(endpoint);
        return endpoint.address();
    }
}
