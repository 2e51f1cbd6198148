package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.jmx.transport.RegistryProbe.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.rmi.Remote;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.rmi.ssl.SslRMIServerSocketFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pieces of the tunnel redirect that need no target JVM: reading a stub, telling hosts apart, the leases. */
class StubRouteTest {

    @BeforeAll
    static void useStreamScopesRmiSockets() {
        // as every JMX connection does first; redirects apply only through StreamScope's process-wide factory
        RmiClientSockets.install();
    }

    /** A remote object exported in this JVM, for a real stub to read. */
    private static final class Exported implements Remote {}

    @Test
    void readsTheEndpointOfAStubWithoutAFactory() throws Exception {
        Exported object = new Exported();
        Remote stub = UnicastRemoteObject.exportObject(object, 0);
        try {
            StubEndpoint endpoint = StubEndpoint.of(stub).orElseThrow();

            assertThat(endpoint.port()).isPositive();
            assertThat(endpoint.host()).isNotBlank();
            assertThat(endpoint.ownFactory()).isFalse();
        } finally {
            UnicastRemoteObject.unexportObject(object, true);
        }
    }

    @Test
    void readsTheEndpointOfAStubThatBringsItsOwnSslFactory() throws Exception {
        Exported object = new Exported();
        Remote stub = UnicastRemoteObject.exportObject(
                object, 0, new SslRMIClientSocketFactory(), new SslRMIServerSocketFactory());
        try {
            StubEndpoint endpoint = StubEndpoint.of(stub).orElseThrow();

            assertThat(endpoint.port()).isPositive();
            assertThat(endpoint.ownFactory()).isTrue();
        } finally {
            UnicastRemoteObject.unexportObject(object, true);
        }
    }

    @Test
    void anSslStubIsCopiedWithAFactoryThatConnectsToTheTunnel() throws Exception {
        Exported object = new Exported();
        Remote stub = UnicastRemoteObject.exportObject(
                object, 0, new SslRMIClientSocketFactory(), new SslRMIServerSocketFactory());
        // stands in for the tunnel: counts connections and hangs up at once (the copy's DGC call then fails fast)
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket tunnel = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread hangUp = new Thread(() -> hangUpOnEach(tunnel, accepted), "tunnel-stand-in");
            hangUp.setDaemon(true);
            hangUp.start();
            StubEndpoint named = StubEndpoint.of(stub).orElseThrow();
            Endpoint destination = new Endpoint("127.0.0.1", tunnel.getLocalPort());
            RmiClientSockets.RedirectedSsl factory = RmiClientSockets.redirectedSsl(named.endpoint(), destination);

            Remote copy = SslStubRedirect.copyWith(stub, factory).orElseThrow();
            int afterCopy = accepted.get();
            Socket socket = factory.createSocket(named.host(), named.port());

            assertThat(copy).isNotSameAs(stub).isInstanceOf(stub.getClass());
            assertThat(socket).isInstanceOf(SSLSocket.class);
            socket.close();
            // the socket for the stub's host and port went to the tunnel, not to where the stub says
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.get() > afterCopy);
        } finally {
            UnicastRemoteObject.unexportObject(object, true);
        }
    }

    @Test
    void theCopysSslSocketsCheckTheHostNameExactlyWhenTheJdksOwnFactoryDoes() throws Exception {
        // 17.0.15 checks none; recent JDKs check the host the stub names unless told not to
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
                Socket jdk = new SslRMIClientSocketFactory().createSocket("127.0.0.1", server.getLocalPort());
                Socket copy = RmiClientSockets.redirectedSsl(
                                new Endpoint("pod-9.invalid", 9010), new Endpoint("127.0.0.1", server.getLocalPort()))
                        .createSocket("pod-9.invalid", 9010)) {

            assertThat(((SSLSocket) copy).getSSLParameters().getEndpointIdentificationAlgorithm())
                    .isEqualTo(((SSLSocket) jdk).getSSLParameters().getEndpointIdentificationAlgorithm());
        }
    }

    private static void hangUpOnEach(ServerSocket tunnel, AtomicInteger accepted) {
        while (!tunnel.isClosed()) {
            try (Socket connection = tunnel.accept()) {
                accepted.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Test
    void aStubWithoutTheJdkSslFactoryIsNotCopied() throws Exception {
        Exported object = new Exported();
        Remote stub = UnicastRemoteObject.exportObject(object, 0);
        try {
            Endpoint named = StubEndpoint.of(stub).orElseThrow().endpoint();

            assertThat(SslStubRedirect.copyWith(
                            stub, RmiClientSockets.redirectedSsl(named, new Endpoint("127.0.0.1", 1))))
                    .isEmpty();
        } finally {
            UnicastRemoteObject.unexportObject(object, true);
        }
    }

    @Test
    void aStubNamingAnotherHostOnAnUnforwardedPortGoesToTheTunnelAndAFailureSaysWhichPortToForward() throws Exception {
        int tunnelPort = closedPort();
        JmxTarget target = JmxAddress.parse("127.0.0.1:" + tunnelPort, null, null, false);
        StubEndpoint named = new StubEndpoint("pod-9.invalid", 45123, false);

        StubRoute route = StubRoute.choose(target, new Endpoint("127.0.0.1", tunnelPort), named, null);
        try {
            assertThat(TunnelRedirects.route("pod-9.invalid", 45123)).isEqualTo(new Endpoint("127.0.0.1", tunnelPort));
            assertThat(route.note())
                    .hasValueSatisfying(note -> assertThat(note)
                            .contains("pod-9.invalid:45123")
                            .contains("127.0.0.1:" + tunnelPort)
                            .contains("--no-tunnel-redirect"));
            assertThat(route.explain(new java.rmi.ConnectException("refused", new ConnectException())))
                    .hasValueSatisfying(problem -> assertThat(problem.getMessage())
                            .contains("Forward port 45123 too (kubectl port-forward <pod> " + tunnelPort + " 45123")
                            .contains("-Dcom.sun.management.jmxremote.rmi.port=" + tunnelPort));
            assertThat(route.explain(new IllegalStateException("not about the route")))
                    .isEmpty();
        } finally {
            route.release();
        }
        assertThat(TunnelRedirects.route("pod-9.invalid", 45123)).isEqualTo(new Endpoint("pod-9.invalid", 45123));
    }

    @Test
    void withTheRedirectOffTheStubIsLeftAloneAndAFailureSaysHowToTurnItBackOn() throws Exception {
        JmxTarget target =
                JmxAddress.parse("127.0.0.1:19010", null, null, false).withTunnelRedirect(false);
        StubEndpoint named = new StubEndpoint("pod-9.invalid", 19010, false);

        StubRoute route = StubRoute.choose(target, new Endpoint("127.0.0.1", 19010), named, null);

        assertThat(route.note()).isEmpty();
        assertThat(TunnelRedirects.route("pod-9.invalid", 19010)).isEqualTo(named.endpoint());
        assertThat(route.explain(new UnknownHostException("pod-9.invalid")))
                .hasValueSatisfying(problem -> assertThat(problem.getMessage())
                        .contains("(the name does not resolve)")
                        .contains("without --no-tunnel-redirect")
                        .contains("Send RMI through the address given")
                        .doesNotContain("Forward port"));
    }

    @Test
    void aStubNamingTheAddressGivenOrThisHostOnAPortThatAnswersIsLeftAlone() throws Exception {
        JmxTarget target = JmxAddress.parse("127.0.0.1:19010", null, null, false);
        Endpoint given = new Endpoint("127.0.0.1", 19010);

        StubRoute same = StubRoute.choose(target, given, new StubEndpoint("localhost", 19010, false), null);
        assertThat(same.note()).isEmpty();
        assertThat(same.explain(new ConnectException())).isEmpty();

        try (ServerSocket otherPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StubEndpoint named = new StubEndpoint("localhost", otherPort.getLocalPort(), false);
            StubRoute asNamed = StubRoute.choose(target, given, named, null);

            assertThat(asNamed.note()).isEmpty();
            assertThat(TunnelRedirects.route("localhost", otherPort.getLocalPort()))
                    .isEqualTo(named.endpoint());
        }
    }

    /** A loopback port nothing listens on a moment later. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void spellingsOfLoopbackAreOneHostAndOtherNamesAreNot() {
        assertThat(StubRoute.sameHost("localhost", "127.0.0.1")).isTrue();
        assertThat(StubRoute.sameHost("::1", "127.0.0.1")).isTrue();
        assertThat(StubRoute.sameHost("API-7", "api-7")).isTrue();
        assertThat(StubRoute.sameHost("pod-7.invalid", "127.0.0.1")).isFalse();
        assertThat(StubRoute.sameHost("10.42.3.17", "127.0.0.1")).isFalse();
        assertThat(StubRoute.sameHost("10.42.3.17", "10.42.3.18")).isFalse();
    }

    @Test
    void aRedirectLastsUntilItsLastLeaseAndRefusesASecondDestination() {
        Endpoint named = new Endpoint("pod-9.invalid", 9010);
        Endpoint tunnel = new Endpoint("127.0.0.1", 19010);
        Endpoint otherTunnel = new Endpoint("127.0.0.1", 29010);

        TunnelRedirects.Lease first = TunnelRedirects.redirect(named, tunnel).orElseThrow();
        TunnelRedirects.Lease second = TunnelRedirects.redirect(named, tunnel).orElseThrow();

        assertThat(TunnelRedirects.route("pod-9.invalid", 9010)).isEqualTo(tunnel);
        assertThat(TunnelRedirects.route("pod-9.invalid", 9011)).isEqualTo(new Endpoint("pod-9.invalid", 9011));
        assertThat(TunnelRedirects.redirect(named, otherTunnel)).isEmpty();
        first.release();
        first.release(); // twice is once
        assertThat(TunnelRedirects.route("pod-9.invalid", 9010)).isEqualTo(tunnel);
        second.release();
        assertThat(TunnelRedirects.route("pod-9.invalid", 9010)).isEqualTo(named);
        TunnelRedirects.redirect(named, otherTunnel).orElseThrow().release();
    }
}
