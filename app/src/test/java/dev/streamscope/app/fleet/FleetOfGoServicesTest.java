package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleetcli.FleetCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Go services instrumented the usual Go way (go-grpc-prometheus interceptors, promhttp), built here from Debian's
 * packages ({@code golang-go}, {@code golang-github-grpc-ecosystem-go-grpc-prometheus-dev}) and scraped every second
 * by a real Prometheus. No bridge, no JVM: one leaks Watch streams, one restarts mid-window while it leaks; steady 2 s
 * streams, unary calls only, and steady streams restarted mid-window must not count as growing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetOfGoServicesTest {

    private static final Duration TREND_WINDOW = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String WATCH = "grpc.health.v1.Health/Watch";

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final List<GoFleetPeer> PEERS = new ArrayList<>();
    private static String leak;
    private static String restartedLeak;
    private static String steady;
    private static String unary;
    private static String restartedSteady;

    @TempDir
    Path out;

    @BeforeAll
    static void startServices() throws Exception {
        leak = start("leak", freeAddress());
        restartedLeak = start("leak", freeAddress());
        steady = start("steady", freeAddress());
        unary = start("unary", freeAddress());
        restartedSteady = start("steady", freeAddress());
        List<PrometheusServer.Target> targets = new ArrayList<>();
        for (String address : List.of(leak, restartedLeak, steady, unary, restartedSteady)) {
            targets.add(new PrometheusServer.Target(address, Map.of("job", "go-api", "namespace", "prod")));
        }
        PROMETHEUS.scrape(targets);
    }

    @AfterAll
    static void stopServices() {
        for (GoFleetPeer peer : PEERS) {
            try {
                peer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @Order(1)
    void leakingGoServicesGrowAndSteadyOnesDoNotEvenAcrossARestart() throws Exception {
        FleetEvaluator evaluator = new FleetEvaluator(client(), FleetMetrics.DEFAULTS, TREND_WINDOW, Clock.systemUTC());
        // a full window of history first, then both restarts, then a window in which they must stay unflagged
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptionsMatching(e ->
                        e instanceof PrometheusProblem problem && problem.kind() == PrometheusProblem.Kind.NO_INSTANCES)
                .until(() -> {
                    FleetSnapshot fleet = evaluator.evaluate();
                    FleetRow leaking = row(fleet, leak);
                    FleetRow alsoLeaking = row(fleet, restartedLeak);
                    return leaking != null && leaking.grows() && alsoLeaking != null && alsoLeaking.grows();
                });
        restart(restartedLeak, "leak");
        restart(restartedSteady, "steady");
        long restarted = System.nanoTime();
        AtomicReference<FleetSnapshot> last = new AtomicReference<>();
        AtomicReference<String> falseAlarm = new AtomicReference<>();
        AtomicBoolean leakSeenAcrossRestart = new AtomicBoolean();
        // every refresh until the restart has left the trend window, and a little more: none may flag the steady ones,
        // and the first that does fails the test (it is kept, so a later refresh cannot forgive it)
        await().during(TREND_WINDOW.plusSeconds(5))
                .atMost(TREND_WINDOW.plusSeconds(20))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    FleetSnapshot fleet = evaluator.evaluate();
                    last.set(fleet);
                    FleetRow restartedRow = row(fleet, restartedSteady);
                    if (row(fleet, steady).grows()) {
                        falseAlarm.compareAndSet(
                                null,
                                "steady 2 s streams: " + row(fleet, steady).methods());
                    } else if (row(fleet, unary).grows()) {
                        falseAlarm.compareAndSet(
                                null, "unary calls only: " + row(fleet, unary).methods());
                    } else if (restartedRow != null && restartedRow.grows()) {
                        falseAlarm.compareAndSet(null, "steady streams, restarted: " + restartedRow.methods());
                    }
                    assertThat(falseAlarm.get()).as("flagged as growing").isNull();
                    FleetRow leakRow = row(fleet, restartedLeak);
                    if (System.nanoTime() - restarted < TREND_WINDOW.toNanos() && leakRow != null && leakRow.grows()) {
                        leakSeenAcrossRestart.set(true);
                    }
                });
        FleetSnapshot fleet = last.get();
        assertThat(leakSeenAcrossRestart)
                .as("a restart inside the trend window does not hide a leak")
                .isTrue();
        assertThat(row(fleet, restartedLeak).grows())
                .as("nor once it has left the window")
                .isTrue();

        FleetRow first = fleet.rows().get(0);
        assertThat(List.of(leak, restartedLeak)).contains(first.instance());
        assertThat(first.source()).isEqualTo(FleetSource.GO_GRPC_PROMETHEUS.id());
        assertThat(first.method()).isEqualTo(WATCH);
        assertThat(first.perMinute()).isGreaterThan(300);
        assertThat(first.labels()).containsEntry("namespace", "prod");
        assertThat(first.methods()).extracting(FleetMethod::side).contains("server", "client");
        FleetRow healthy = row(fleet, steady);
        assertThat(healthy.methods())
                .filteredOn(
                        method -> method.method().equals(WATCH) && method.side().equals("server"))
                .singleElement()
                .satisfies(method -> assertThat(method.inFlight()).isBetween(5.0, 60.0));
        assertThat(fleet.queries()).isEqualTo(11);
    }

    @Test
    @Order(2)
    void headlessRunNamesTheLeakingMethodAndExitsFour() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FleetCommand.run(
                options(
                        "--headless",
                        "--prometheus",
                        PROMETHEUS.url().toString(),
                        "--out",
                        out.toString(),
                        "--trend-window",
                        TREND_WINDOW.toSeconds() + "s"),
                Map.of(),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(FleetCommand.EXIT_GROWING);
        JsonArray instances = JsonParser.parseString(Files.readString(out.resolve("fleet.json")))
                .getAsJsonObject()
                .getAsJsonArray("instances");
        JsonObject first = instances.get(0).getAsJsonObject();
        assertThat(first.get("source").getAsString()).isEqualTo("go-grpc-prometheus");
        assertThat(first.get("method").getAsString()).isEqualTo(WATCH);
        assertThat(first.get("side").getAsString()).isIn("server", "client");
        assertThat(first.get("inFlight").getAsDouble()).isPositive();
        assertThat(first.getAsJsonArray("methods")).isNotEmpty();
        String csv = Files.readString(out.resolve("fleet.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).contains("inFlight", "source", "side", "method", "methods");
        assertThat(csv).contains("go-grpc-prometheus");
    }

    private static FleetRow row(FleetSnapshot fleet, String instance) {
        return fleet.rows().stream()
                .filter(row -> row.instance().equals(instance))
                .findFirst()
                .orElse(null);
    }

    private static String start(String mode, String metrics) throws Exception {
        GoFleetPeer peer = GoFleetPeer.start(mode, metrics);
        PEERS.add(peer);
        assertThat(peer.metrics()).isEqualTo(metrics);
        return peer.metrics();
    }

    /** Kills the service and starts it again on the same metrics address: its counters start from zero. */
    private static void restart(String metrics, String mode) throws Exception {
        int index = List.of(leak, restartedLeak, steady, unary, restartedSteady).indexOf(metrics);
        PEERS.get(index).close();
        start(mode, metrics);
        PEERS.set(index, PEERS.remove(PEERS.size() - 1));
    }

    private static String freeAddress() throws IOException {
        return GoFleetPeer.freeAddress();
    }

    private static PrometheusClient client() throws PrometheusProblem {
        return new PrometheusClient(
                new PrometheusEndpoint(PROMETHEUS.url(), "", "", "", ""),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    private static LaunchOptions options(String... args) {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
