package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.fleetcli.FleetCommand;
import dev.streamscope.app.jmx.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a user sees when the Prometheus URL is wrong. The servers here are small HTTP servers in the test JVM: they
 * stand in for an authenticating proxy, a web page and a port that accepts but never answers, which a real Prometheus
 * cannot be made into. PromQL errors and an empty fleet are tested against a real one in {@link FleetEvaluatorTest}.
 */
class PrometheusFailuresTest {

    private HttpServer server;
    private ServerSocket silent;

    @TempDir
    Path out;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (silent != null) {
            silent.close();
        }
    }

    @Test
    void unauthorizedSaysWhichVariableToSet() throws Exception {
        URI url = serve(401, "text/plain", "Unauthorized");

        assertThatThrownBy(() -> evaluate(url, ""))
                .isInstanceOf(PrometheusProblem.class)
                .hasMessage("Prometheus at " + url + " refused the request (HTTP 401): set"
                        + " STREAMSCOPE_PROMETHEUS_TOKEN to a bearer token, or give --prometheus-user NAME with"
                        + " STREAMSCOPE_PROMETHEUS_PASSWORD");
    }

    @Test
    void forbiddenIsTheSameProblem() throws Exception {
        URI url = serve(403, "text/plain", "Forbidden");

        assertThatThrownBy(() -> evaluate(url, ""))
                .hasMessageContaining("(HTTP 403): set STREAMSCOPE_PROMETHEUS_TOKEN");
    }

    @Test
    void tokenFromTheEnvironmentTravelsAsBearer() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        URI url = serve(401, "text/plain", "Unauthorized", authorizations);

        assertThatThrownBy(() -> evaluate(url, "s3cret")).isInstanceOf(PrometheusProblem.class);
        assertThat(authorizations).isNotEmpty().allMatch("Bearer s3cret"::equals);
    }

    @Test
    void anHtmlPageIsNotPrometheus() throws Exception {
        URI url = serve(200, "text/html; charset=utf-8", "<html><body>Grafana</body></html>");

        assertThatThrownBy(() -> evaluate(url, ""))
                .hasMessage(url + " is not Prometheus's HTTP API: /api/v1 answered with an HTML page. Give the base"
                        + " URL of the Prometheus server, e.g. http://prometheus:9090")
                .extracting(problem -> ((PrometheusProblem) problem).kind())
                .isEqualTo(PrometheusProblem.Kind.NOT_PROMETHEUS);
    }

    @Test
    void nothingListeningSaysSo() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + ChildJvm.freePort());

        assertThatThrownBy(() -> evaluate(url, ""))
                .hasMessage("Nothing listens at " + url + "; is Prometheus running there (its default port is 9090)?");
    }

    @Test
    void aSilentServerEndsAtTheDeadline() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        // the kernel completes the handshake for the backlog; nobody ever reads or answers
        URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());

        assertThatThrownBy(() -> evaluate(url, ""))
                .hasMessageStartingWith("Prometheus at " + url + " did not answer within 1s;")
                .extracting(problem -> ((PrometheusProblem) problem).kind())
                .isEqualTo(PrometheusProblem.Kind.UNREACHABLE);
    }

    @Test
    void headlessExitsTwoWhenPrometheusCannotBeReached() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String url = "http://127.0.0.1:" + ChildJvm.freePort();

        int status = run(err, "--headless", "--prometheus", url, "--out", out.toString());

        assertThat(status).isEqualTo(FleetCommand.EXIT_UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("streamscope: Nothing listens at " + url);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void headlessExitsSixtyFourOnBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(run(err, "--headless", "--prometheus", "prometheus:9090", "--out", out.toString()))
                .isEqualTo(FleetCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("'prometheus:9090' is not an http(s) URL of a Prometheus server");
        assertThat(run(err, "--headless", "--prometheus", "http://p:9090")).isEqualTo(FleetCommand.EXIT_USAGE);
        assertThat(run(
                        err,
                        "--headless",
                        "--prometheus",
                        "http://p:9090",
                        "--out",
                        out.toString(),
                        "--fleet-metrics",
                        "open=not a name"))
                .isEqualTo(FleetCommand.EXIT_USAGE);
        assertThat(run(
                        err,
                        "--headless",
                        "--prometheus",
                        "http://p:9090",
                        "--out",
                        out.toString(),
                        "--histogram",
                        "all"))
                .as("a histogram a fleet run would ignore is refused")
                .isEqualTo(FleetCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("evaluates the fleet from Prometheus only");
        assertThat(run(err, "--headless", "--prometheus", "http://p:9090", "--out", out.toString(), "--jmx", "h:9010"))
                .isEqualTo(FleetCommand.EXIT_USAGE);
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        LaunchOptions options = new LaunchOptions();
        new CommandLine(options).parseArgs(args);
        return FleetCommand.run(options, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static void evaluate(URI url, String token) throws PrometheusProblem {
        PrometheusClient client = new PrometheusClient(
                new PrometheusEndpoint(url, "", "", "", token), Duration.ofSeconds(1), Duration.ofSeconds(1));
        new FleetEvaluator(client, FleetMetrics.DEFAULTS, Duration.ofSeconds(60), java.time.Clock.systemUTC())
                .evaluate();
    }

    private URI serve(int status, String type, String body) throws Exception {
        return serve(status, type, body, new CopyOnWriteArrayList<>());
    }

    private URI serve(int status, String type, String body, List<String> authorizations) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
