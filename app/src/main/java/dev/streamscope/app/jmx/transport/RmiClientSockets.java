package dev.streamscope.app.jmx.transport;

import java.io.IOException;
import java.io.Serializable;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.registry.LocateRegistry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMISocketFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * The client sockets StreamScope's JMX connections use, with the deadlines JMX over RMI lacks.
 *
 * <p>RMI has no call timeout: a peer that accepts and never answers holds the calling thread forever. Callers wait
 * at most their deadline ({@code CallDeadline}); these sockets make sure the stuck I/O thread is freed too, by a
 * connect timeout and a read timeout ({@code SO_TIMEOUT}). The read timeout is process-wide and longer than any
 * legitimate call, notification fetches included: {@link #NOTIFICATION_FETCH_TIMEOUT} (how long the server may hold a
 * fetch when nothing happens) stays below it.
 *
 * <p>Where the sockets come from:
 *
 * <ul>
 *   <li>RMI registry lookups: our factory, passed per connection in the JNDI environment (plain or SSL).
 *   <li>The connector's own RMI endpoint when the server exports it without a client socket factory (the default,
 *       non-SSL agent): the process-wide {@link RMISocketFactory} installed by {@link #install()}. It also applies
 *       {@link TunnelRedirects}, sending a stub that names a host unreachable from here to the tunnel the user gave.
 *   <li>Endpoints exported with their own factory (agent with {@code jmxremote.ssl=true}): the server's
 *       {@code SslRMIClientSocketFactory}. The {@code sun.rmi.transport.tcp.*Timeout} properties set by
 *       {@link #install()} still bound reads, but those bytes are not metered. Through a tunnel the stubs are copied
 *       with our {@link RedirectedSsl} factory instead ({@link SslStubRedirect}), which is timed and metered.
 * </ul>
 *
 * <p>Byte counts are attributed through a thread-local meter: RMI client I/O runs on the calling thread, so setting
 * the target's meter around a call (see {@link #metered}) attributes exactly that call's bytes, whichever pooled
 * connection carries them. Bytes on threads with no meter set go to the meter that opened the socket.
 */
public final class RmiClientSockets {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration NOTIFICATION_FETCH_TIMEOUT = Duration.ofSeconds(10);

    private static final ThreadLocal<WireCounter> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<RegistryProbe.Endpoint> LOOKING_UP = new ThreadLocal<>();
    private static final RMIClientSocketFactory PLAIN = new TimedSocketFactory();
    private static final RMIClientSocketFactory SSL = new TimedSslSocketFactory();
    private static boolean installed;

    private RmiClientSockets() {}

    /**
     * Installs the timed, metered factory as RMI's process-wide socket factory, once. Leaves a factory someone else
     * installed in place (RMI allows only one); registry sockets are ours in any case.
     */
    static synchronized void install() {
        if (installed) {
            return;
        }
        // read once when RMI's transport class loads, so only effective before the first RMI call of the process;
        // they bound handshakes and reads on sockets from factories we do not control (SSL connector endpoints)
        setIfAbsent("sun.rmi.transport.tcp.handshakeTimeout", READ_TIMEOUT);
        setIfAbsent("sun.rmi.transport.tcp.responseTimeout", READ_TIMEOUT);
        if (RMISocketFactory.getSocketFactory() == null) {
            try {
                RMISocketFactory.setSocketFactory((RMISocketFactory) PLAIN);
            } catch (IOException | IllegalStateException e) {
                // someone raced us to it: their factory stays, registry sockets remain ours
            }
        }
        installed = true;
    }

    /**
     * Whether stubs without their own factory connect through ours, so that {@link TunnelRedirects} apply to them:
     * not when another library installed its process-wide factory first.
     */
    static boolean redirectsStubs() {
        return RMISocketFactory.getSocketFactory() == PLAIN;
    }

    /** The factory for registry lookups, passed as {@code com.sun.jndi.rmi.factory.socket}. */
    static RMIClientSocketFactory registryFactory(boolean ssl) {
        return ssl ? SSL : PLAIN;
    }

    /** Runs {@code call} with {@code meter} as this thread's meter, restoring the previous one afterwards. */
    static <T> T metered(WireCounter meter, Callable<T> call) throws Exception {
        WireCounter previous = CURRENT.get();
        CURRENT.set(meter);
        try {
            return call.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Looks {@code name} up in the registry at {@code registry}. RMI registers the stub it returns with the distributed
     * garbage collector before the lookup returns, by a call to the host and port the stub names, on this thread.
     * Through a tunnel that is a pod's address, which may swallow packets until the connect timeout, longer than the
     * whole connect deadline, and before StreamScope could redirect it. So during the lookup, plain sockets to anything
     * but the registry fail at once; RMI retries that registration in the background, by then through the redirect.
     */
    static Remote lookUp(RegistryProbe.Endpoint registry, boolean ssl, String name)
            throws IOException, NotBoundException {
        LOOKING_UP.set(registry);
        try {
            return LocateRegistry.getRegistry(registry.host(), registry.port(), registryFactory(ssl))
                    .lookup(name);
        } finally {
            LOOKING_UP.remove();
        }
    }

    static WireCounter currentMeter() {
        return CURRENT.get();
    }

    private static void setIfAbsent(String property, Duration value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Long.toString(value.toMillis()));
        }
    }

    static Socket connect(String host, int port) throws IOException {
        MeteredSocket socket = new MeteredSocket(CURRENT.get());
        try {
            socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Plain sockets. Also RMI's process-wide factory; server sockets (StreamScope exports nothing, but a library in
     * the process might) come from RMI's default factory unchanged.
     */
    private static final class TimedSocketFactory extends RMISocketFactory implements Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            RegistryProbe.Endpoint registry = LOOKING_UP.get();
            if (registry != null && !registry.equals(new RegistryProbe.Endpoint(host, port))) {
                throw new ConnectException("not while looking up " + registry + ": " + host + ":" + port);
            }
            RegistryProbe.Endpoint destination = TunnelRedirects.route(host, port);
            return connect(destination.host(), destination.port());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return RMISocketFactory.getDefaultSocketFactory().createServerSocket(port);
        }

        // RMI pools connections per endpoint and socket factory: all instances must be equal
        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    /**
     * TLS for the registry, layered over a timed, metered plain socket so the connect timeout holds and the meter sees
     * the encrypted bytes actually on the wire. Honours the same {@code javax.rmi.ssl.client.*} properties as the JDK's
     * {@code SslRMIClientSocketFactory}, which has no connect timeout and cannot be metered.
     */
    private static final class TimedSslSocketFactory implements RMIClientSocketFactory, Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return sslOver(connect(host, port), host, port);
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    /** For {@link SslStubRedirect}: SSL connections to {@code named} go to {@code destination}, others as asked. */
    static RedirectedSsl redirectedSsl(RegistryProbe.Endpoint named, RegistryProbe.Endpoint destination) {
        return new RedirectedSsl(named, destination);
    }

    /**
     * The factory an SSL connector's stubs get instead of the JDK's {@code SslRMIClientSocketFactory}: the same TLS
     * (default context, {@code javax.rmi.ssl.client.*} properties, the host name check exactly when the JDK's own
     * factory makes it, against the host the stub names), over a timed, metered socket to the tunnel. Equal for equal
     * routes, as RMI pools connections per factory.
     */
    record RedirectedSsl(RegistryProbe.Endpoint named, RegistryProbe.Endpoint destination)
            implements RMIClientSocketFactory {

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            RegistryProbe.Endpoint asked = new RegistryProbe.Endpoint(host, port);
            RegistryProbe.Endpoint to = named.equals(asked) ? destination : asked;
            SSLSocket socket = (SSLSocket) sslOver(connect(to.host(), to.port()), host, port);
            String identification = JdkSslFactory.ENDPOINT_IDENTIFICATION;
            if (identification != null) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm(identification);
                socket.setSSLParameters(parameters);
            }
            return socket;
        }
    }

    /**
     * What the JDK's own {@code SslRMIClientSocketFactory} checks of the server's certificate: no host name in older
     * JDKs (17.0.15 here), the host name ({@code HTTPS}) in recent ones (25.0.2 and later) unless
     * {@code -Djdk.rmi.ssl.client.enableEndpointIdentification=false}. Asked of a socket the JDK's factory opens to a
     * loopback port of our own, once, so that the copy of a stub never checks less, nor more, than the original.
     */
    private static final class JdkSslFactory {
        static final String ENDPOINT_IDENTIFICATION = ask();

        private static String ask() {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (ServerSocket listener = new ServerSocket(0, 1, loopback);
                    Socket probe = new SslRMIClientSocketFactory()
                            .createSocket(loopback.getHostAddress(), listener.getLocalPort())) {
                return probe instanceof SSLSocket ssl
                        ? ssl.getSSLParameters().getEndpointIdentificationAlgorithm()
                        : null;
            } catch (IOException | RuntimeException unknown) {
                // cannot tell: check the host name, the stricter choice of the two the JDK has made
                return "HTTPS";
            }
        }
    }

    /** TLS over {@code plain}, as the JDK's SSL RMI factory sets it up; closes {@code plain} when that fails. */
    private static Socket sslOver(Socket plain, String host, int port) throws IOException {
        try {
            SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            SSLSocket socket = (SSLSocket) factory.createSocket(plain, host, port, true);
            String suites = System.getProperty("javax.rmi.ssl.client.enabledCipherSuites");
            if (suites != null) {
                socket.setEnabledCipherSuites(suites.split(","));
            }
            String protocols = System.getProperty("javax.rmi.ssl.client.enabledProtocols");
            if (protocols != null) {
                socket.setEnabledProtocols(protocols.split(","));
            }
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            return socket;
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(plain);
            throw e instanceof IOException io ? io : new SocketException(e.getMessage());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing after a failure; the first failure is what matters
        }
    }
}
