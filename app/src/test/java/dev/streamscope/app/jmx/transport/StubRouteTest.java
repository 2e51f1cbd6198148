package dev.streamscope.app.jmx.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.jmx.transport.RegistryProbe.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.Remote;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import javax.rmi.ssl.SslRMIServerSocketFactory;
import org.junit.jupiter.api.Test;

/** The pieces of the tunnel redirect that need no target JVM: reading a stub, telling hosts apart, the leases. */
class StubRouteTest {

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
