package dev.streamscope.app.jmx;

import static org.awaitility.Awaitility.await;

import dev.streamscope.app.jmx.gc.GcChurnTarget;
import dev.streamscope.app.jmx.transport.JmxTarget;
import dev.streamscope.app.jmx.transport.OpenedJmx;
import dev.streamscope.app.jmx.transport.RmiClientSockets;
import dev.streamscope.app.jmx.transport.WireMeter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A child JVM running {@link GcChurnTarget} with an unauthenticated JMX agent on a loopback port. */
public final class GcChurnChild implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final Process process;
    private final int jmxPort;
    private final Writer commands;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private GcChurnChild(Process process, int jmxPort) {
        this.process = process;
        this.jmxPort = jmxPort;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "child-output " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static GcChurnChild start(String... targetArguments) throws IOException {
        return start(List.of("-XX:+UseG1GC"), targetArguments);
    }

    public static GcChurnChild start(List<String> jvmOptions, String... targetArguments) throws IOException {
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx64m"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-XX:TieredStopAtLevel=1",
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-cp",
                System.getProperty("java.class.path"),
                GcChurnTarget.class.getName()));
        command.addAll(List.of(targetArguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        GcChurnChild child = new GcChurnChild(process, port);
        try {
            child.awaitLine(GcChurnTarget.READY, STARTUP);
        } catch (RuntimeException notReady) {
            child.close();
            throw notReady;
        }
        return child;
    }

    public long pid() {
        return process.pid();
    }

    JMXServiceURL jmxUrl() {
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** Connects with the plain JDK connector, under a deadline the JDK's own connect does not have. */
    public static OpenedJmx connect(JMXServiceURL url) throws Exception {
        JMXConnector connector = CompletableFuture.supplyAsync(() -> {
                    try {
                        // as the app's connector does: fetches shorter than the process-wide socket read timeout,
                        // which RmiClientSockets installs once any connector test has run in this JVM
                        return JMXConnectorFactory.connect(
                                url,
                                java.util.Map.of(
                                        "jmx.remote.x.notification.fetch.timeout",
                                        RmiClientSockets.NOTIFICATION_FETCH_TIMEOUT.toMillis()));
                    } catch (IOException failed) {
                        throw new UncheckedIOException(failed);
                    }
                })
                .get(CONNECT.toMillis(), TimeUnit.MILLISECONDS);
        return new OpenedJmx(
                new JmxTarget(url.toString(), url, null, null, false),
                connector,
                connector.getMBeanServerConnection(),
                WireMeter.NONE);
    }

    public OpenedJmx connect() throws Exception {
        return connect(jmxUrl());
    }

    void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** Collects {@code times} times in the child and waits until it says it is done. */
    public void collect(int times) throws IOException {
        command("gc " + times, GcChurnTarget.GC_DONE);
    }

    /** Sends a command the child answers with {@code answer} and waits for that answer. */
    void command(String command, String answer) throws IOException {
        long answersBefore = lines.stream().filter(answer::equals).count();
        send(command);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> lines.stream().filter(answer::equals).count() > answersBefore);
    }

    void awaitLine(String prefix, Duration deadline) {
        await().atMost(deadline)
                .failFast("child exited: " + lines, () -> !process.isAlive())
                .until(() -> lines.stream().anyMatch(line -> line.startsWith(prefix)));
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        } catch (IOException childGone) {
            // the child was destroyed; its output ends here
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
