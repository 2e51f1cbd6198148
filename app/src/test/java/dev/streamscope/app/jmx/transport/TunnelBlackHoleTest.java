package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stubs that name a host which swallows packets, as a pod's IP often does from a laptop: a connect there hangs until
 * the connect timeout instead of failing. RMI makes such a call during the registry lookup itself, before StreamScope
 * sees the stub (to register it with the JVM's garbage collector). The host is this machine's own non-loopback
 * address, where a listener with a full accept queue that is never drained stands in for the silent pod: Linux drops
 * further connection requests to it. The JVMs and their agents are real; the tunnel is a {@link TcpForwarder}.
 */
class TunnelBlackHoleTest {

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @TempDir
    static Path keys;

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static String silentHost;

    /** Plain connector on its registry's port, its stub naming the silent host. */
    private static ChildJvm plain;

    private static TcpForwarder plainTunnel;

    /** SSL connector on a port of its own (registry in plaintext), its stub naming the silent host. */
    private static ChildJvm ssl;

    private static TcpForwarder sslTunnel;

    @BeforeAll
    static void startJvmsWhoseStubsNameASilentHost() throws Exception {
        Optional<InetAddress> own = nonLoopbackAddress();
        Assumptions.assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address to stand in for a pod");
        silentHost = own.get().getHostAddress();
        int sslRmiPort = ChildJvm.freePort();
        Map<String, String> sslAgent = new HashMap<>(Map.of(
                "authenticate", "false", "ssl", "true", "registry.ssl", "false", "ssl.need.client.auth", "false"));
        List<String> sslOptions = new ArrayList<>(JmxSecurityFiles.sslServerOptions(keys));
        sslOptions.add("-Dcom.sun.management.jmxremote.rmi.port=" + sslRmiPort);
        CompletableFuture<ChildJvm> second = CompletableFuture.supplyAsync(() -> start(sslAgent, sslOptions));
        plain = start(Map.of("authenticate", "false", "ssl", "false"), List.of());
        OPEN.add(plain);
        ssl = second.get();
        OPEN.add(ssl);
        OPEN.add(silentListener(own.get(), plain.jmxPort()));
        OPEN.add(silentListener(own.get(), sslRmiPort));
        Assumptions.assumeTrue(
                swallowsConnections(own.get(), plain.jmxPort()),
                "this kernel answers connection requests to a full accept queue; no silent host to stand in for a pod");
        plainTunnel = TcpForwarder.to("127.0.0.2", plain.jmxPort());
        OPEN.add(plainTunnel);
        sslTunnel = TcpForwarder.to("127.0.0.2", ssl.jmxPort());
        OPEN.add(sslTunnel);
    }

    private static ChildJvm start(Map<String, String> jmxremote, List<String> options) {
        List<String> all = new ArrayList<>(
                List.of("-Dcom.sun.management.jmxremote.host=127.0.0.2", "-Djava.rmi.server.hostname=" + silentHost));
        all.addAll(options);
        try {
            return ChildJvm.startWithJmx(JmxChildMain.class, jmxremote, all, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        // closing the silent listeners first also frees RMI threads still waiting on them
        Collections.reverse(OPEN);
        for (AutoCloseable closeable : OPEN) {
            closeable.close();
        }
        OPEN.clear();
    }

    @Test
    void aPlainStubNamingASilentHostIsStillReachedThroughTheTunnel() throws Exception {
        JmxTarget target = JmxAddress.parse("127.0.0.1:" + plainTunnel.localPort(), null, null, false);

        try (JvmConnection connection = JvmConnections.open(target, TIMEOUTS)) {
            assertThat(connection.sample().heap().used()).isPositive();
            assertThat(connection.routeNote())
                    .hasValueSatisfying(note -> assertThat(note).contains(silentHost + ":" + plain.jmxPort()));
        }
    }

    @Test
    void anSslStubNamingASilentHostTimesOutWithAMessageThatSaysWhyAndWhatToDo() throws Exception {
        JmxTarget target = JmxAddress.parse("127.0.0.1:" + sslTunnel.localPort(), null, null, false);

        assertThatThrownBy(() -> JvmConnections.open(target, TIMEOUTS))
                .isInstanceOfSatisfying(TargetProblem.class, problem -> {
                    assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.TIMEOUT);
                    assertThat(problem.getMessage())
                            .contains("answered as the JVM's RMI registry")
                            .contains("jmxremote.ssl=true")
                            .contains("-Djava.rmi.server.hostname=127.0.0.1");
                });
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean swallowsConnections(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return false;
        } catch (SocketTimeoutException swallowed) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A listener whose accept queue is full and never drained: connection requests to it go unanswered. */
    private static AutoCloseable silentListener(InetAddress address, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(address, port), 1);
        List<SocketChannel> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress(address, port));
            queued.add(channel);
        }
        return () -> {
            listener.close();
            for (SocketChannel channel : queued) {
                channel.close();
            }
        };
    }
}
