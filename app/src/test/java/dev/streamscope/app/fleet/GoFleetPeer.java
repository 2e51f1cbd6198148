package dev.streamscope.app.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Go gRPC service instrumented the usual Go way (go-grpc-prometheus interceptors, promhttp on {@code /metrics}):
 * {@code src/test/resources/go/fleetpeer/main.go}, built once per test JVM from Debian's packages ({@code golang-go},
 * {@code golang-github-grpc-ecosystem-go-grpc-prometheus-dev}; {@code .ci/run} installs them when missing), its build
 * cache under {@code target/go-cache}.
 */
public final class GoFleetPeer implements AutoCloseable {

    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final Path SOURCE = Path.of("src/test/resources/go/fleetpeer/main.go");
    private static Path binary;

    private final Process process;
    private final String metrics;

    private GoFleetPeer(Process process, String metrics) {
        this.process = process;
        this.metrics = metrics;
    }

    /**
     * Starts a peer making ten calls a second in {@code mode} ({@code leak}: Watch streams never closed, {@code steady}:
     * Watch streams of 2 s, {@code unary}) with its metrics at {@code metrics} ({@code 127.0.0.1:0} for any port).
     */
    public static GoFleetPeer start(String mode, String metrics) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(build().toString(), "-mode", mode, "-rate", "10", "-metrics", metrics)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String address =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (address == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the Go peer ended before it listened on " + metrics);
        }
        return new GoFleetPeer(process, address);
    }

    /** A free loopback address for a peer's metrics, kept across a restart. */
    public static String freeAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** Where Prometheus scrapes it: {@code 127.0.0.1:port}. */
    public String metrics() {
        return metrics;
    }

    /** Kills the process at once, as a crash or an OOM kill would: its counters die with it. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static synchronized Path build() throws IOException, InterruptedException {
        if (binary != null) {
            return binary;
        }
        Path folder = Files.createTempDirectory("streamscope-fleetpeer");
        folder.toFile().deleteOnExit();
        Path built = folder.resolve("fleetpeer");
        ProcessBuilder go =
                new ProcessBuilder("go", "build", "-o", built.toString(), SOURCE.toString()).redirectErrorStream(true);
        go.environment().put("GO111MODULE", "off");
        go.environment().put("GOPATH", GOPATH.toString());
        go.environment()
                .put("GOCACHE", Path.of("target/go-cache").toAbsolutePath().toString());
        Process compile = go.start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (compile.waitFor() != 0) {
            throw new IllegalStateException(
                    "go build failed (install golang-go and golang-github-grpc-ecosystem-go-grpc-prometheus-dev): "
                            + output);
        }
        built.toFile().deleteOnExit();
        binary = built;
        return binary;
    }
}
