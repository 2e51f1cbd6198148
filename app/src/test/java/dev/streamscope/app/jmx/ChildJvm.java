package dev.streamscope.app.jmx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM started by a test, on this test run's class path, with a startup handshake: the child prints {@link #READY}
 * when it is ready to serve, and exits when its standard input closes, so it dies with the test JVM even when
 * nobody calls {@link #close()}.
 *
 * <p>Child side: a child main ends with {@link #readyThenAwaitParent(String)}.
 */
public final class ChildJvm implements AutoCloseable {

    public static final String READY = "STREAMSCOPE-CHILD-READY";
    public static final Duration STARTUP_DEADLINE = Duration.ofSeconds(30);

    private static final String JMXREMOTE = "-Dcom.sun.management.jmxremote.";
    private static final int KEPT_LINES = 200;

    private final Process process;
    private final String readyLine;
    private final Deque<String> output;
    private final int jmxPort;

    private ChildJvm(Process process, String readyLine, Deque<String> output, int jmxPort) {
        this.process = process;
        this.readyLine = readyLine;
        this.output = output;
        this.jmxPort = jmxPort;
    }

    /** Starts {@code main} with a 64 MiB heap and the given JVM options, and waits for its ready line. */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> arguments) throws IOException {
        return start(main, jvmOptions, arguments, -1);
    }

    /**
     * Starts {@code main} with the JDK's JMX agent on a free loopback port: single port for registry and connector,
     * RMI host 127.0.0.1. {@code jmxremote} holds {@code com.sun.management.jmxremote.*} settings without that prefix,
     * e.g. {@code authenticate=false}. Retries with another port when the chosen one was taken meanwhile.
     */
    public static ChildJvm startWithJmx(
            Class<?> main, Map<String, String> jmxremote, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> options = new ArrayList<>();
            options.add(JMXREMOTE + "port=" + port);
            options.add(JMXREMOTE + "rmi.port=" + port);
            options.add(JMXREMOTE + "host=127.0.0.1");
            options.add(JMXREMOTE + "local.only=false");
            options.add("-Djava.rmi.server.hostname=127.0.0.1");
            jmxremote.forEach((key, value) -> options.add(JMXREMOTE + key + "=" + value));
            // last wins: the caller's options override the defaults above
            options.addAll(jvmOptions);
            try {
                return start(main, options, arguments, port);
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("already in use")) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Child side: announces readiness (with {@code detail}), then blocks until the parent closes our stdin. */
    public static void readyThenAwaitParent(String detail) throws IOException {
        System.out.println(READY + " " + detail);
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing to read; the parent only ever closes the stream
        }
        System.exit(0);
    }

    private static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> arguments, int jmxPort)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> pump(process, output, ready), "child-output-" + main.getSimpleName());
        reader.setDaemon(true);
        reader.start();
        try {
            String line = ready.get(STARTUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return new ChildJvm(process, line, output, jmxPort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroy(process);
            throw new IllegalStateException("interrupted while starting " + main.getName(), e);
        } catch (ExecutionException | TimeoutException e) {
            destroy(process);
            throw new IllegalStateException(
                    main.getSimpleName() + " did not start within " + STARTUP_DEADLINE + ":\n" + joined(output), e);
        }
    }

    private static void pump(Process process, Deque<String> output, CompletableFuture<String> ready) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                }
                if (line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).strip());
                }
            }
        } catch (IOException e) {
            // the child is gone; what it said is kept
        }
        ready.completeExceptionally(new IllegalStateException("exited with " + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    private static String joined(Deque<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** What the child printed after {@link #READY} on its ready line. */
    public String readyDetail() {
        return readyLine;
    }

    public long pid() {
        return process.pid();
    }

    public int jmxPort() {
        if (jmxPort < 0) {
            throw new IllegalStateException("this child was started without JMX");
        }
        return jmxPort;
    }

    public String jmxAddress() {
        return "127.0.0.1:" + jmxPort();
    }

    /** The last lines the child wrote to stdout and stderr. */
    public String output() {
        return joined(output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        destroy(process);
    }

    private static void destroy(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // closing stdin is only the polite way; destroy follows
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
