package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.jmx.transport.RegistryProbe.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.rmi.NoSuchObjectException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.management.remote.rmi.RMIServer;

/**
 * How one connection reaches the JMX connector a registry handed out: where its stub says, or through the tunnel the
 * user gave.
 *
 * <p>Behind {@code kubectl port-forward} or {@code ssh -L} the registry answers on the local end of the tunnel, but the
 * stub it returns names the JVM's own host ({@code java.rmi.server.hostname}, else the pod's IP) and port, which mean
 * nothing here. When the stub names another host, its connections go to the host the user gave: on the stub's port
 * when that is forwarded too, else on the tunnel's own port (right when the JVM serves its connector on its registry
 * port, {@code jmxremote.rmi.port} = {@code jmxremote.port}).
 */
final class StubRoute {

    /** How long to wait for a forwarded stub port to accept, to tell it from one that is not forwarded. */
    private static final Duration PORT_CHECK = Duration.ofSeconds(1);

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\\w]*");

    private enum Why {
        /** The stub names the address given, or one equal to it. */
        SAME,
        REDIRECTED,
        /** The user turned redirecting off. */
        TURNED_OFF,
        /** The stub brings a socket factory of its own that is not the JDK's SSL one, so we cannot steer it. */
        OWN_FACTORY,
        /** Another library's process-wide RMI socket factory is in place. */
        FOREIGN_FACTORY,
        /** The stub names this host on another port, and that port answers here: connect as named. */
        OTHER_PORT_ANSWERS
    }

    private final JmxTarget target;
    private final Endpoint given;
    private final StubEndpoint named;
    private final Endpoint destination;
    private final Why why;
    private final TunnelRedirects.Lease lease;
    private final RMIServer server;

    private StubRoute(
            JmxTarget target,
            Endpoint given,
            StubEndpoint named,
            Endpoint destination,
            Why why,
            TunnelRedirects.Lease lease,
            RMIServer server) {
        this.target = target;
        this.given = given;
        this.named = named;
        this.destination = destination;
        this.why = why;
        this.lease = lease;
        this.server = server;
    }

    /**
     * Decides where the connections of {@code stub}, which names {@code named}, go, and installs the redirect if any.
     * Connect with {@link #server()}; the caller must {@link #release()} the route when the connection closes or fails.
     *
     * @throws TargetProblem when the stub's endpoint is already redirected elsewhere for another target
     */
    static StubRoute choose(JmxTarget target, Endpoint given, StubEndpoint named, RMIServer stub) throws TargetProblem {
        Why why = reason(target, given, named);
        if (why != null) {
            return new StubRoute(target, given, named, named.endpoint(), why, null, stub);
        }
        Endpoint destination;
        if (named.port() == given.port()) {
            destination = given;
        } else if (accepts(new Endpoint(given.host(), named.port()))) {
            // the user forwarded the stub's port too; on this host it is then simply reachable as named
            if (sameHost(named.host(), given.host())) {
                return new StubRoute(target, given, named, named.endpoint(), Why.OTHER_PORT_ANSWERS, null, stub);
            }
            destination = new Endpoint(given.host(), named.port());
        } else {
            destination = given;
        }
        if (named.ownFactory()) {
            // an SSL connector: its stubs bypass RMI's process-wide factory, so they are copied with ours instead
            Endpoint to = destination;
            return SslStubRedirect.server(stub, named.endpoint(), destination)
                    .map(copy -> new StubRoute(target, given, named, to, Why.REDIRECTED, null, copy))
                    .orElseGet(
                            () -> new StubRoute(target, given, named, named.endpoint(), Why.OWN_FACTORY, null, stub));
        }
        Endpoint finalDestination = destination;
        TunnelRedirects.Lease lease = TunnelRedirects.redirect(named.endpoint(), destination)
                .orElseThrow(() -> collision(target, named, finalDestination));
        return new StubRoute(target, given, named, destination, Why.REDIRECTED, lease, stub);
    }

    private static Why reason(JmxTarget target, Endpoint given, StubEndpoint named) {
        if (named.endpoint().equals(given) || (named.port() == given.port() && sameHost(named.host(), given.host()))) {
            return Why.SAME;
        }
        if (!target.tunnelRedirect()) {
            return Why.TURNED_OFF;
        }
        if (!named.ownFactory() && !RmiClientSockets.redirectsStubs()) {
            return Why.FOREIGN_FACTORY;
        }
        return null;
    }

    /** A line for the tab and the recording when connections do not go where the stub says; else empty. */
    Optional<String> note() {
        if (why != Why.REDIRECTED) {
            return Optional.empty();
        }
        return Optional.of("Through a tunnel: the JVM's RMI stub names " + named + ", so StreamScope sends those "
                + "connections to " + destination + ", the address given (turn off with --no-tunnel-redirect).");
    }

    /** The stub to connect with: the registry's, or a copy that goes through the tunnel (SSL connectors). */
    RMIServer server() {
        return server;
    }

    void release() {
        if (lease != null) {
            lease.release();
        }
    }

    /**
     * Says what to do when connecting failed after the registry answered, if this route explains it: the stub's port
     * is not forwarded, or the host it names cannot be reached from here.
     */
    Optional<TargetProblem> explain(Throwable failure) {
        if (why == Why.SAME) {
            return Optional.empty();
        }
        boolean missingObject = has(failure, NoSuchObjectException.class);
        boolean unreachable = has(failure, UnknownHostException.class)
                || has(failure, java.rmi.UnknownHostException.class)
                || has(failure, ConnectException.class)
                || has(failure, java.rmi.ConnectException.class)
                || has(failure, NoRouteToHostException.class)
                || has(failure, SocketTimeoutException.class);
        if (!missingObject && !unreachable) {
            return Optional.empty();
        }
        String forwardPortToo = "forward port " + named.port() + " too (kubectl port-forward <pod> " + given.port()
                + " " + named.port() + ", or ssh -L " + named.port() + ":<host>:" + named.port() + "), or start the "
                + "JVM with -Dcom.sun.management.jmxremote.rmi.port=" + given.port() + " (the same port as its "
                + "jmxremote.port)";
        String sentOn = given + " answers as the JVM's RMI registry, but it sends StreamScope on to " + named
                + " for the JMX connector";
        String message = switch (why) {
            case REDIRECTED, OTHER_PORT_ANSWERS ->
                sentOn + ", and that port is not reachable through the tunnel (tried " + destination + "). "
                        + capitalized(forwardPortToo) + ".";
            case TURNED_OFF ->
                sentOn + ", which cannot be reached from here (" + cause(failure) + "). Through a tunnel, let "
                        + "StreamScope send those connections to " + given + ": connect without "
                        + "--no-tunnel-redirect (in the Connect dialog: tick \"Send RMI through the address "
                        + "given\")"
                        + (named.port() == given.port() ? "" : ", and " + forwardPortToo)
                        + ". Or start the JVM with -Djava.rmi.server.hostname=<an address reachable from here>.";
            case OWN_FACTORY ->
                sentOn + ", which cannot be reached from here (" + cause(failure) + "). Its stub brings a "
                        + "socket factory of its own that is not the JDK's SSL one, which StreamScope cannot "
                        + "redirect. Map " + named.host() + " to " + given.host() + " in this machine's "
                        + "hosts file, or start the JVM with -Djava.rmi.server.hostname=" + given.host()
                        + (named.port() == given.port() ? "" : "; and " + forwardPortToo) + ".";
            case FOREIGN_FACTORY ->
                sentOn + ", which cannot be reached from here (" + cause(failure) + "). Another library in "
                        + "this process installed RMI's socket factory, so StreamScope cannot redirect it. "
                        + "Start the JVM with -Djava.rmi.server.hostname=" + given.host() + ".";
            case SAME -> throw new IllegalStateException("explained above");
        };
        return Optional.of(new TargetProblem(Kind.CONNECTION_REFUSED, message, failure));
    }

    /**
     * Explains a connect that timed out during the registry lookup, if it hung where a tunnel makes it hang: RMI
     * registers the stub it got with the JVM's garbage collector before the lookup returns, by a call to the host the
     * stub names. StreamScope fails that call at once for plain stubs (RMI retries it later, through the redirect), but
     * a stub with the JDK's SSL factory connects by itself, and a host that swallows packets holds it.
     *
     * @param worker the thread that ran the lookup, still waiting
     */
    static Optional<TargetProblem> stuckOnTheStubsHost(JmxTarget target, Thread worker) {
        if (worker == null) {
            return Optional.empty();
        }
        for (StackTraceElement frame : worker.getStackTrace()) {
            // JDK internals named only to recognize the wait; without a match the usual timeout message stands
            if (frame.getClassName().startsWith("sun.rmi.transport.DGCClient")) {
                String host = RegistryProbe.registryOf(target.url())
                        .map(Endpoint::host)
                        .orElse("127.0.0.1");
                return Optional.of(new TargetProblem(
                        Kind.TIMEOUT,
                        target.address() + " answered as the JVM's RMI registry, but the stub it handed out names "
                                + "a host that does not answer from here, and RMI waits for that host before it "
                                + "lets StreamScope redirect the stub. That happens with an SSL connector "
                                + "(jmxremote.ssl=true), whose stubs connect through the JDK's own SSL factory. Start "
                                + "the JVM with -Djava.rmi.server.hostname=" + host
                                + ", the host you connect to, or map "
                                + "the host it names to " + host + " in this machine's hosts file."));
            }
        }
        return Optional.empty();
    }

    private static String cause(Throwable failure) {
        if (has(failure, UnknownHostException.class) || has(failure, java.rmi.UnknownHostException.class)) {
            return "the name does not resolve";
        }
        if (has(failure, SocketTimeoutException.class)) {
            return "no answer";
        }
        if (has(failure, NoRouteToHostException.class)) {
            return "no route";
        }
        return "connection refused";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static TargetProblem collision(JmxTarget target, StubEndpoint named, Endpoint destination) {
        String elsewhere = TunnelRedirects.destinationOf(named.endpoint())
                .map(Endpoint::toString)
                .orElse("another tunnel");
        return new TargetProblem(
                Kind.OTHER,
                "The RMI stub of " + target.address() + " names " + named + ", and StreamScope already sends that "
                        + "address to " + elsewhere + " for another open target; one process cannot send it to "
                        + destination + " as well. Disconnect the other target, or start one of the JVMs with "
                        + "another -Djava.rmi.server.hostname or -Dcom.sun.management.jmxremote.rmi.port.");
    }

    private static boolean accepts(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) PORT_CHECK.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException closed) {
            return false;
        }
    }

    /** Same host without asking DNS: equal names, or two spellings of loopback ("localhost", 127.0.0.1, ::1). */
    static boolean sameHost(String first, String second) {
        return first.equalsIgnoreCase(second) || (loopback(first) && loopback(second));
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = next(cause), depth++) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof javax.naming.NamingException naming && naming.getRootCause() != null) {
            return naming.getRootCause();
        }
        return t.getCause();
    }
}
