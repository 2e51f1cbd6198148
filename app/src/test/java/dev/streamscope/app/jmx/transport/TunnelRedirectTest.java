package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.streamscope.app.archive.RecordingFiles;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.capture.CaptureOptions;
import dev.streamscope.app.capture.CaptureResult;
import dev.streamscope.app.capture.HeadlessCapture;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.session.SessionListener;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.SameThreadTasks;
import dev.streamscope.app.ui.main.ConnectViewModel;
import dev.streamscope.app.ui.main.MainViewModel;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * JVMs reached only through a port forward, as behind {@code kubectl port-forward} or {@code ssh -L}: each binds its
 * JMX ports to 127.0.0.2 and its RMI stubs name {@code pod-7.invalid}, a host that cannot resolve. A
 * {@link TcpForwarder} on another port of 127.0.0.1 is the tunnel, the only way in. Only the forwarder is a stand-in
 * (for kubectl or ssh); the JVMs, their JDK agents and StreamScope's connector are real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelRedirectTest {

    private static final String POD_HOST = "pod-7.invalid";
    private static final Map<String, String> NO_SECURITY = Map.of("authenticate", "false", "ssl", "false");
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(10));

    /** Registry and connector on one port (jmxremote.rmi.port = jmxremote.port), that port forwarded. */
    private static ChildJvm onePort;

    private static TcpForwarder onePortTunnel;

    /** The connector on a port of its own, only the registry's port forwarded. */
    private static ChildJvm twoPorts;

    private static int twoPortsRmiPort;
    private static TcpForwarder registryOnlyTunnel;

    /**
     * A connector over SSL (jmxremote.ssl=true, registry.ssl=true) that requires a password: its stubs bring the JDK's
     * SSL socket factory, which RMI's process-wide factory never sees.
     */
    private static ChildJvm sslConnector;

    private static TcpForwarder sslTunnel;

    @TempDir
    static Path keys;

    @TempDir
    Path temporary;

    @BeforeAll
    static void startJvmsBehindTunnels() throws Exception {
        Map<String, String> sslWithPassword = new HashMap<>(JmxSecurityFiles.authentication(keys));
        // registry over SSL too: the agent cannot serve a plaintext registry and an SSL connector on one port
        sslWithPassword.putAll(JmxSecurityFiles.sslAgent());
        List<String> serverKeys = JmxSecurityFiles.sslServerOptions(keys);
        CompletableFuture<ChildJvm> second = CompletableFuture.supplyAsync(TunnelRedirectTest::startWithTwoPorts);
        CompletableFuture<ChildJvm> third = CompletableFuture.supplyAsync(() -> start(sslWithPassword, serverKeys));
        onePort = start(NO_SECURITY, List.of());
        twoPorts = second.get();
        sslConnector = third.get();
        onePortTunnel = TcpForwarder.to("127.0.0.2", onePort.jmxPort());
        registryOnlyTunnel = TcpForwarder.to("127.0.0.2", twoPorts.jmxPort());
        sslTunnel = TcpForwarder.to("127.0.0.2", sslConnector.jmxPort());
    }

    /** Retries with another RMI port: JVMs started alongside may take the one chosen before this one binds it. */
    private static ChildJvm startWithTwoPorts() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                int rmiPort = ChildJvm.freePort();
                ChildJvm child = start(NO_SECURITY, List.of("-Dcom.sun.management.jmxremote.rmi.port=" + rmiPort));
                twoPortsRmiPort = rmiPort;
                return child;
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("already in use")) {
                    throw e;
                }
                last = e;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw last;
    }

    private static ChildJvm start(Map<String, String> jmxremote, List<String> options) {
        try {
            return ChildJvm.startWithJmx(
                    JmxChildMain.class,
                    jmxremote,
                    concat(
                            List.of(
                                    "-Dcom.sun.management.jmxremote.host=127.0.0.2",
                                    "-Djava.rmi.server.hostname=" + POD_HOST),
                            options),
                    List.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable :
                new AutoCloseable[] {onePortTunnel, registryOnlyTunnel, sslTunnel, onePort, twoPorts, sslConnector}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static String tunnel(TcpForwarder forwarder) {
        return "127.0.0.1:" + forwarder.localPort();
    }

    @Test
    void aStubNamingAnUnresolvableHostIsSentThroughTheTunnelAndSaysSo() throws Exception {
        int before = onePortTunnel.connections();
        JmxTarget target = JmxAddress.parse(tunnel(onePortTunnel), null, null, false);

        try (JvmConnection connection = JvmConnections.open(target, TIMEOUTS)) {
            assertThat(connection.sample().heap().used()).isPositive();
            assertThat(connection.identity().name()).startsWith(onePort.pid() + "@");
            assertThat(connection.routeNote())
                    .hasValueSatisfying(note -> assertThat(note)
                            .contains(POD_HOST + ":" + onePort.jmxPort())
                            .contains(tunnel(onePortTunnel))
                            .contains("--no-tunnel-redirect"));
        }
        // the registry lookup and the connector's own connection both came through the tunnel
        assertThat(onePortTunnel.connections() - before).isGreaterThanOrEqualTo(2);
    }

    // first: RMI keeps an idle connection to an endpoint for 15 s and reuses it, so after a redirected connection the
    // stub's endpoint would still be reached through the tunnel for a while, redirect or not
    @Test
    @Order(1)
    void withTheRedirectOffTheMessageNamesTheStubsHostAndTheWayBack() throws Exception {
        JmxTarget target =
                JmxAddress.parse(tunnel(onePortTunnel), null, null, false).withTunnelRedirect(false);

        assertThatThrownBy(() -> JvmConnections.open(target, TIMEOUTS))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.getMessage())
                                .contains(POD_HOST + ":" + onePort.jmxPort())
                                .contains("cannot be reached from here")
                                .contains("without --no-tunnel-redirect")
                                .contains("-Djava.rmi.server.hostname="));
    }

    @Test
    void onlyTheRegistryForwardedSaysWhichPortToForwardToo() throws Exception {
        JmxTarget target = JmxAddress.parse(tunnel(registryOnlyTunnel), null, null, false);

        assertThatThrownBy(() -> JvmConnections.open(target, TIMEOUTS))
                .isInstanceOfSatisfying(
                        TargetProblem.class,
                        problem -> assertThat(problem.getMessage())
                                .contains(POD_HOST + ":" + twoPortsRmiPort)
                                .contains("Forward port " + twoPortsRmiPort + " too")
                                .contains("or start the JVM with -Dcom.sun.management.jmxremote.rmi.port="
                                        + registryOnlyTunnel.localPort()));
    }

    @Test
    @Order(2)
    void aSessionReconnectsThroughTheTunnelAfterItBroke() throws Exception {
        List<TargetStatus> statuses = new CopyOnWriteArrayList<>();
        List<TargetTick> ticks = new CopyOnWriteArrayList<>();
        SessionListener listener = new SessionListener() {
            @Override
            public void onStatus(TargetStatus status) {
                statuses.add(status);
            }

            @Override
            public void onTick(TargetTick tick) {
                ticks.add(tick);
            }
        };
        TargetSpec spec = new TargetSpec("tunnel", JmxAddress.parse(tunnel(onePortTunnel), null, null, false), null);
        try (TargetSession session =
                new TargetSession(spec, JvmConnections::open, TIMEOUTS, Duration.ofMillis(200), listener)) {
            session.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ticks.size() >= 2);

            onePortTunnel.breakTunnel();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> statuses.stream().anyMatch(status -> status.state() == TargetState.RECONNECTING));
            int ticksWhileBroken = ticks.size();
            onePortTunnel.mend();

            await().atMost(Duration.ofSeconds(40)).until(() -> ticks.size() > ticksWhileBroken + 1);
            assertThat(ticks.get(ticksWhileBroken).afterGap()).isTrue();
            assertThat(statuses)
                    .filteredOn(status -> status.state() == TargetState.CONNECTED)
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(
                            connected -> assertThat(connected.connectionNote()).contains(POD_HOST));
        } finally {
            onePortTunnel.mend();
        }
    }

    @Test
    void anSslConnectorWithAPasswordIsReachedThroughTheTunnelByAClientThatTrustsIt() throws Exception {
        int before = sslTunnel.connections();
        // the trust store is process-wide, so the client runs in a JVM of its own
        try (ChildJvm client = ChildJvm.start(
                JmxClientChildMain.class,
                JmxSecurityFiles.sslClientOptions(keys),
                List.of(tunnel(sslTunnel), "true", JmxSecurityFiles.USER, JmxSecurityFiles.PASSWORD))) {

            // bytes received: the connector's TLS went through StreamScope's metered sockets, not the JDK's factory
            assertThat(client.readyDetail())
                    .matches("connected used=[1-9][0-9]* received=[1-9][0-9]* note=Through a tunnel.*")
                    .contains(POD_HOST + ":" + sslConnector.jmxPort())
                    .contains(tunnel(sslTunnel));
        }
        assertThat(sslTunnel.connections() - before).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theConnectDialogReachesTheJvmThroughTheTunnelAndTheTabSaysSo(@TempDir Path home) throws Exception {
        // the window's view models, minus the window; their tasks run on the calling thread
        MainViewModel main = new MainViewModel(
                SameThreadTasks.INSTANCE,
                JvmConnections::open,
                new SettingsStore(home),
                Duration.ofMillis(200),
                TIMEOUTS);
        ConnectViewModel form = new ConnectViewModel(main, SameThreadTasks.INSTANCE);
        try {
            form.addressProperty().set(tunnel(onePortTunnel));
            assertThat(form.tunnelRedirectProperty().get()).isTrue();

            form.connect();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> form.connectedProperty().get() != null
                            || form.messageKindProperty().get() == ConnectViewModel.MessageKind.ERROR);
            TargetViewModel tab = form.connectedProperty().get();
            assertThat(tab).as(form.messageProperty().get()).isNotNull();
            assertThat(tab.connectionNoteProperty().get())
                    .startsWith("Through a tunnel")
                    .contains(POD_HOST + ":" + onePort.jmxPort())
                    .contains(tunnel(onePortTunnel));
        } finally {
            main.shutdown();
        }
    }

    @Test
    void aHeadlessCaptureThroughTheTunnelRecordsHeapAndGcPausesAndNotesTheRedirect() throws Exception {
        LaunchOptions launch = new LaunchOptions();
        Path out = temporary.resolve("tunnel");
        new CommandLine(launch)
                .parseArgs(
                        "--headless",
                        "--jmx",
                        tunnel(onePortTunnel),
                        "--duration",
                        "3s",
                        "--interval",
                        "500ms",
                        "--out",
                        out.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CompletableFuture<CaptureResult> capture = CompletableFuture.supplyAsync(() -> {
            try {
                return new HeadlessCapture(
                                CaptureOptions.from(launch, null),
                                new PrintStream(progress, true, StandardCharsets.UTF_8))
                        .run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });

        // the JVM idles: collect its garbage while the capture runs, so there are GC notifications to come through
        OpenedJmx collector = JmxConnector.open(JmxAddress.parse(tunnel(onePortTunnel), null, null, false), TIMEOUTS);
        try {
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(400))
                    .until(() -> {
                        collector.server().invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null);
                        return capture.isDone();
                    });
        } finally {
            collector.connector().close();
        }
        CaptureResult result = capture.get();

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve(RecordingFiles.SUMMARY)))
                .getAsJsonObject();
        assertThat(summary.getAsJsonObject("window").get("samples").getAsLong())
                .as(progress.toString(StandardCharsets.UTF_8))
                .isGreaterThanOrEqualTo(2);
        assertThat(summary.getAsJsonObject("heap")
                        .getAsJsonObject("usedBytes")
                        .get("last")
                        .getAsLong())
                .isPositive();
        assertThat(summary.toString()).contains("Through a tunnel").contains(POD_HOST);
        // GC notifications came through the tunnel as well as polled attributes
        assertThat(Files.readString(out.resolve(RecordingFiles.GC_EVENTS))).contains("System.gc()");
        assertThat(result.folder()).isEqualTo(out);
    }
}
