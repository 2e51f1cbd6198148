package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.io.InvalidClassException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.rmi.ConnectIOException;
import java.rmi.MarshalException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.UnmarshalException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.InstanceNotFoundException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.net.ssl.SSLException;

/**
 * Translates what JMX, RMI, JNDI, TLS and sockets throw into a {@link TargetProblem}: the one place that does. Each
 * message names the address, says what happened and what to do next.
 *
 * <p>JMX wraps failures several layers deep ({@code IOException} → {@code NamingException} → {@code RemoteException}
 * → the socket's exception), so the whole cause chain is searched, most specific kind first.
 */
public final class JmxFailures {

    private static final Pattern REFUSED_HOST = Pattern.compile("Connection refused to host: ([^;\\s]+)");
    private static final int LONGEST_CHAIN = 32;

    private JmxFailures() {}

    /** Classifies a failure of connecting to {@code target}, or of a call when it is not known which. */
    public static TargetProblem classify(Throwable failure, JmxTarget target) {
        List<Throwable> chain = causes(failure);
        String where = endpoint(target);

        TargetProblem already = find(chain, TargetProblem.class);
        if (already != null) {
            return already;
        }
        SerializationGuard.Rejected rejected = find(chain, SerializationGuard.Rejected.class);
        InvalidClassException invalid = find(chain, InvalidClassException.class);
        if (rejected != null
                || (invalid != null && String.valueOf(invalid.getMessage()).contains("filter status"))) {
            String reason = rejected != null ? rejected.getMessage() : invalid.getMessage();
            return new TargetProblem(
                    Kind.REJECTED_DATA,
                    where + " sent data StreamScope refuses to deserialize: " + reason + ". Nothing it sent was run. "
                            + "The target may be compromised or not a plain JVM; check what serves this port.",
                    failure);
        }
        if (find(chain, UnknownHostException.class) != null
                || find(chain, java.rmi.UnknownHostException.class) != null) {
            return new TargetProblem(
                    Kind.UNKNOWN_HOST,
                    "The host in " + where + " is unknown: the name does not resolve. Check the spelling, or enter "
                            + "the host's IP address.",
                    failure);
        }
        if (hasAny(
                chain, CertificateException.class, CertPathBuilderException.class, CertPathValidatorException.class)) {
            return new TargetProblem(
                    Kind.UNTRUSTED_CERTIFICATE,
                    where + " presented an SSL certificate this machine does not trust (" + rootMessage(chain) + "). "
                            + "Import the target's certificate into a trust store and start StreamScope with "
                            + "-Djavax.net.ssl.trustStore=<file> -Djavax.net.ssl.trustStorePassword=<password>.",
                    failure);
        }
        SSLException ssl = find(chain, SSLException.class);
        if (ssl != null) {
            if (target.ssl()) {
                return sslMismatch(target, failure);
            }
            return new TargetProblem(
                    Kind.OTHER,
                    "The SSL handshake with " + where + " failed (" + rootMessage(chain) + "). The target's JMX "
                            + "connector uses SSL (com.sun.management.jmxremote.ssl=true); check its SSL settings, "
                            + "e.g. whether it requires a client certificate.",
                    failure);
        }
        SecurityException security = find(chain, SecurityException.class);
        if (security != null) {
            return credentials(security, target, failure);
        }
        ConnectException refused = find(chain, ConnectException.class);
        if (refused != null || find(chain, java.rmi.ConnectException.class) != null) {
            return refused(chain, target, failure);
        }
        if (find(chain, NoRouteToHostException.class) != null) {
            return new TargetProblem(
                    Kind.CONNECTION_REFUSED,
                    "There is no network route to " + where + ". Check the address, the network and any VPN.",
                    failure);
        }
        if (find(chain, SocketTimeoutException.class) != null) {
            return timeout(target, RmiClientSockets.READ_TIMEOUT, failure);
        }
        ConnectIOException connectIo = find(chain, ConnectIOException.class);
        if (connectIo != null && String.valueOf(connectIo.getMessage()).contains("non-JRMP server")) {
            return notJmx(target, "it does not speak RMI", failure);
        }
        if (find(chain, NameNotFoundException.class) != null
                || find(chain, NotBoundException.class) != null
                || find(chain, NoSuchObjectException.class) != null) {
            return notJmx(
                    target, "an RMI registry answers, but no JMX connector is registered under that name", failure);
        }
        if (find(chain, InterruptedException.class) != null || (find(chain, InterruptedIOException.class) != null)) {
            return new TargetProblem(Kind.CANCELLED, "Talking to " + where + " was cancelled.", failure);
        }
        if (hasAny(
                        chain,
                        EOFException.class,
                        SocketException.class,
                        ConnectIOException.class,
                        MarshalException.class,
                        UnmarshalException.class)
                || notConnected(chain)) {
            return new TargetProblem(
                    Kind.CONNECTION_LOST,
                    "The connection to " + where + " broke (" + rootMessage(chain) + "). Check that the JVM is still "
                            + "running; StreamScope can connect again.",
                    failure);
        }
        if (find(chain, GeneralSecurityException.class) != null) {
            return new TargetProblem(
                    Kind.OTHER,
                    "A security check failed while talking to " + where + ": " + rootMessage(chain) + ".",
                    failure);
        }
        return new TargetProblem(Kind.OTHER, "Talking to " + where + " failed: " + rootMessage(chain) + ".", failure);
    }

    /**
     * Classifies a failure of a call on an established connection. Like {@link #classify}, except that failing to
     * reach the target again (refused, unknown host, no route: RMI opens new sockets as it needs them) means the
     * connection was lost, most likely because the JVM exited or restarted.
     */
    public static TargetProblem classifyCall(Throwable failure, JmxTarget target) {
        TargetProblem problem = classify(failure, target);
        if (problem.kind() == Kind.CONNECTION_REFUSED || problem.kind() == Kind.UNKNOWN_HOST) {
            return new TargetProblem(
                    Kind.CONNECTION_LOST,
                    "The connection to " + endpoint(target) + " was lost: it no longer answers ("
                            + rootMessage(causes(failure)) + "). The JVM may have exited or restarted; StreamScope "
                            + "can connect again.",
                    failure);
        }
        return problem;
    }

    /**
     * Classifies a failure of taking a class histogram: the DiagnosticCommand MBean missing, the user not allowed to
     * invoke it, or as {@link #classifyCall}. Each message names {@code jcmd} as the way round on the target's host.
     */
    public static TargetProblem histogram(Throwable failure, JmxTarget target) {
        List<Throwable> chain = causes(failure);
        String where = endpoint(target);
        String instead = " Instead, on the target's host: jcmd <pid> GC.class_histogram";
        if (find(chain, InstanceNotFoundException.class) != null) {
            return new TargetProblem(
                    Kind.OTHER,
                    where + " has no DiagnosticCommand MBean (com.sun.management:type=DiagnosticCommand), so it "
                            + "cannot take a class histogram over JMX: it is not a HotSpot or OpenJ9 JVM of Java 8 or "
                            + "later." + instead,
                    failure);
        }
        SecurityException denied = find(chain, SecurityException.class);
        if (denied != null) {
            String user = target.hasCredentials() ? "'" + target.user() + "'" : "this connection";
            return new TargetProblem(
                    Kind.AUTHENTICATION_FAILED,
                    where + " does not let " + user + " invoke operations (" + rootMessage(chain) + "), and a class "
                            + "histogram is one. Grant the user readwrite in the target's jmxremote.access file, or "
                            + "connect as one who has it." + instead,
                    failure);
        }
        if (failure instanceof java.io.IOException) {
            return classifyCall(failure, target);
        }
        return new TargetProblem(
                Kind.OTHER,
                where + " could not take a class histogram: " + rootMessage(chain) + "." + instead,
                failure);
    }

    /** The problem for a histogram that overran its deadline. */
    public static TargetProblem histogramTimeout(JmxTarget target, HistogramMode mode, Duration deadline) {
        String why = mode == HistogramMode.LIVE
                ? "a live histogram first runs a full GC, which takes long on a big heap"
                : "counting a big heap takes a while";
        return new TargetProblem(
                Kind.TIMEOUT,
                "No class histogram from " + endpoint(target) + " within " + describe(deadline) + ": " + why
                        + ". Allow it more time, or take it on the target's host: jcmd <pid> GC.class_histogram");
    }

    /** The problem for a connect or call that overran {@code deadline}. */
    public static TargetProblem timeout(JmxTarget target, Duration deadline) {
        return timeout(target, deadline, null);
    }

    /** What a registry probe found, as a problem; empty when the port speaks RMI or the probe could not tell. */
    static Optional<TargetProblem> fromProbe(RegistryProbe.Finding finding, JmxTarget target) {
        return switch (finding) {
            case RMI, SILENT -> Optional.empty();
            case TLS ->
                Optional.of(new TargetProblem(
                        Kind.SSL_REQUIRED,
                        endpoint(target) + " expects SSL: its RMI registry runs with "
                                + "com.sun.management.jmxremote.registry.ssl=true. Turn on SSL for this connection and "
                                + "connect again."));
            case HTTP -> Optional.of(notJmx(target, "it answers as an HTTP server", null));
            case OTHER_PROTOCOL -> Optional.of(notJmx(target, "it does not speak RMI", null));
        };
    }

    private static TargetProblem timeout(JmxTarget target, Duration deadline, Throwable cause) {
        return new TargetProblem(
                Kind.TIMEOUT,
                "No answer from " + endpoint(target) + " within " + describe(deadline) + ". The JVM may be hung or "
                        + "overloaded, or a firewall drops the traffic; check that the port is reachable from here.",
                cause);
    }

    private static TargetProblem notJmx(JmxTarget target, String why, Throwable cause) {
        String where = endpoint(target);
        return new TargetProblem(
                Kind.NOT_JMX,
                where + " answers, but not as a JMX endpoint: " + why + ". Check the port: it must be the one the JVM "
                        + "was started with as -Dcom.sun.management.jmxremote.port.",
                cause);
    }

    private static TargetProblem sslMismatch(JmxTarget target, Throwable cause) {
        return new TargetProblem(
                Kind.SSL_MISMATCH,
                "SSL is on for this connection, but " + endpoint(target)
                        + " does not speak SSL. Turn SSL off, or start "
                        + "the target with com.sun.management.jmxremote.registry.ssl=true.",
                cause);
    }

    private static TargetProblem credentials(SecurityException security, JmxTarget target, Throwable cause) {
        String where = endpoint(target);
        String message = String.valueOf(security.getMessage());
        if (message.contains("Credentials required") || !target.hasCredentials()) {
            return new TargetProblem(
                    Kind.CREDENTIALS_REQUIRED,
                    where + " requires a user name and password (JMX authentication is on). Enter the credentials "
                            + "of a user from the target's jmxremote.password file.",
                    cause);
        }
        if (message.contains("Access denied")) {
            return new TargetProblem(
                    Kind.AUTHENTICATION_FAILED,
                    where + " accepted the password of '" + target.user() + "' but denies that user access (" + message
                            + "). Grant it readonly in the target's jmxremote.access file.",
                    cause);
        }
        return new TargetProblem(
                Kind.AUTHENTICATION_FAILED,
                where + " rejected the user name or password for '" + target.user() + "'. Check both and connect "
                        + "again.",
                cause);
    }

    private static TargetProblem refused(List<Throwable> chain, JmxTarget target, Throwable cause) {
        String where = endpoint(target);
        String port = where.substring(where.lastIndexOf(':') + 1);
        String advice = "Is the JVM running, and started with -Dcom.sun.management.jmxremote.port=" + port + "?";
        java.rmi.ConnectException rmi = find(chain, java.rmi.ConnectException.class);
        Matcher host = REFUSED_HOST.matcher(rmi == null ? "" : String.valueOf(rmi.getMessage()));
        String expectedHost = RegistryProbe.registryOf(target.url())
                .map(RegistryProbe.Endpoint::host)
                .orElse("");
        if (host.find() && !host.group(1).equals(expectedHost)) {
            // the registry answered and sent us elsewhere: a classic container or NAT setup
            return new TargetProblem(
                    Kind.CONNECTION_REFUSED,
                    where + " sent StreamScope on to " + host.group(1) + ", where nothing listens (connection "
                            + "refused). Start the target with -Djava.rmi.server.hostname=<an address reachable from "
                            + "here> and -Dcom.sun.management.jmxremote.rmi.port=" + port + ".",
                    cause);
        }
        return new TargetProblem(
                Kind.CONNECTION_REFUSED, "Nothing listens on " + where + " (connection refused). " + advice, cause);
    }

    private static boolean notConnected(List<Throwable> chain) {
        for (Throwable t : chain) {
            String message = String.valueOf(t.getMessage());
            if (message.startsWith("Not connected") || message.contains("Connection closed")) {
                return true;
            }
        }
        return false;
    }

    /** host:port for JNDI registry URLs, else the address as the user typed it. */
    static String endpoint(JmxTarget target) {
        return RegistryProbe.registryOf(target.url())
                .map(RegistryProbe.Endpoint::toString)
                .orElse(target.address());
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String rootMessage(List<Throwable> chain) {
        for (int index = chain.size() - 1; index >= 0; index--) {
            String message = chain.get(index).getMessage();
            if (message != null && !message.isBlank()) {
                // RMI repeats nested messages after "; nested exception is:"
                int nested = message.indexOf("; nested exception is");
                return (nested > 0 ? message.substring(0, nested) : message).strip();
            }
        }
        return chain.get(chain.size() - 1).getClass().getSimpleName();
    }

    @SafeVarargs
    private static boolean hasAny(List<Throwable> chain, Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (find(chain, type) != null) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < LONGEST_CHAIN; t = next(t)) {
            chain.add(t);
        }
        return chain;
    }

    // JNDI keeps its cause in getRootCause(); other exceptions in getCause()
    private static Throwable next(Throwable t) {
        if (t instanceof NamingException naming && naming.getRootCause() != null) {
            return naming.getRootCause();
        }
        return t.getCause();
    }
}
