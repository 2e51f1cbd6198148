package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleetcli.FleetCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final Path SOURCE = Path.of("src/test/resources/go/fleetpeer/main.go");
    private static final Duration TREND_WINDOW = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String WATCH = "grpc.health.v1.Health/Watch";

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    @TempDir
    static Path build;

    private static final List<Process> PEERS = new ArrayList<>();
    private static Path peer;
    private static String leak;
    private static String restartedLeak;
    private static String steady;
    private static String unary;
    private static String restartedSteady;

    @TempDir
    Path out;

    @BeforeAll
    static void startServices() throws Exception {
        peer = build.resolve("fleetpeer");
        ProcessBuilder go =
                new ProcessBuilder("go", "build", "-o", peer.toString(), SOURCE.toString()).redirectErrorStream(true);
        go.environment().put("GO111MODULE", "off");
        go.environment().put("GOPATH", GOPATH.toString());
        go.environment()
                .put("GOCACHE", Path.of("target/go-cache").toAbsolutePath().toString());
        Process compile = go.start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(compile.waitFor())
                .as("go build (install golang-go and golang-github-grpc-ecosystem-go-grpc-prometheus-dev): " + output)
                .isZero();
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
        PEERS.forEach(Process::destroyForcibly);
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
        long until = System.nanoTime() + TREND_WINDOW.plusSeconds(10).toNanos();
        FleetSnapshot fleet = null;
        while (System.nanoTime() < until) {
            fleet = evaluator.evaluate();
            assertThat(row(fleet, steady).grows()).as("steady 2 s streams").isFalse();
            assertThat(row(fleet, unary).grows()).as("unary calls only").isFalse();
            FleetRow restarted = row(fleet, restartedSteady);
            if (restarted != null) {
                assertThat(restarted.grows())
                        .as("steady streams, restarted: %s", restarted.methods())
                        .isFalse();
            }
            Thread.sleep(2_000);
        }
        assertThat(row(fleet, restartedLeak).grows())
                .as("a restart does not hide a leak")
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

    private static String start(String mode, String metrics) throws IOException {
        Process process = new ProcessBuilder(peer.toString(), "-mode", mode, "-rate", "10", "-metrics", metrics)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        PEERS.add(process);
        String address =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(address).isEqualTo(metrics);
        return address;
    }

    /** Kills the service and starts it again on the same metrics address: its counters start from zero. */
    private static void restart(String metrics, String mode) throws Exception {
        int index = List.of(leak, restartedLeak, steady, unary, restartedSteady).indexOf(metrics);
        Process old = PEERS.get(index);
        old.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        start(mode, metrics);
        PEERS.set(index, PEERS.remove(PEERS.size() - 1));
    }

    private static String freeAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return "127.0.0.1:" + socket.getLocalPort();
        }
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
