package dev.streamscope.app.jmx;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Jolokia JVM agent ({@code org.jolokia:jolokia-agent-jvm:2.1.1:javaagent}, copied into target/agents by the
 * build) for tests: as a {@code -javaagent} option of a child JVM, or attached to a running one with the agent's own
 * command line, as a user would.
 */
public final class JolokiaAgent {

    private JolokiaAgent() {}

    public static Path jar() {
        String path = System.getProperty("streamscope.test.jolokiaAgent");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException("The Jolokia agent jar is missing (" + path + "): run the tests through"
                    + " Maven, whose process-test-resources phase copies it");
        }
        return Path.of(path);
    }

    /**
     * Waits until the agent that a child JVM was started with answers on {@code port}: its HTTP server starts on a
     * thread of its own, which may still be starting when the child's main method says it is ready.
     */
    public static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                        return true;
                    }
                });
    }

    /** The agent's URL on loopback at {@code port}. */
    public static String url(int port) {
        return "http://127.0.0.1:" + port + "/jolokia/";
    }

    /** A {@code -javaagent} option serving on loopback at {@code port}; {@code options} as {@code key=value}. */
    public static String javaagent(int port, String... options) {
        StringBuilder option = new StringBuilder("-javaagent:" + jar() + "=host=127.0.0.1,port=" + port);
        for (String extra : options) {
            option.append(',').append(extra);
        }
        return option.toString();
    }

    /**
     * Attaches the agent to the running JVM {@code pid}, as {@code java -jar jolokia-agent-jvm-…-javaagent.jar
     * --host 127.0.0.1 --port PORT [options] start PID} would from a shell.
     *
     * @param options further command-line options, e.g. {@code --policyLocation file:///…}
     */
    public static void attach(long pid, int port, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + "/bin/java",
                "-jar",
                jar().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port)));
        command.addAll(List.of(options));
        command.addAll(List.of("start", Long.toString(pid)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("attaching the Jolokia agent to " + pid + " took over 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "attaching the Jolokia agent failed (" + process.exitValue() + "):\n" + output);
        }
    }
}
