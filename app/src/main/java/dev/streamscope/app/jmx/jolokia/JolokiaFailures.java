package dev.streamscope.app.jmx.jolokia;

import dev.streamscope.app.base.TargetProblem;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.jolokia.client.exception.J4pRemoteException;

/**
 * The one place where a failed Jolokia round trip becomes a message that says what went wrong and what to do: nothing
 * listening, no answer in time, a wrong or missing password, a policy or proxy that refuses us, a page that is not the
 * agent's JSON. A request the agent's policy forbids while the rest succeed gets {@link #forbidden}.
 */
public final class JolokiaFailures {

    /** Where the minimal policy that allows what StreamScope reads and invokes, and nothing else, is shipped. */
    public static final String ACCESS_FILE = "docs/jolokia-access.xml";

    private static final String ATTACH_HINT = "start the agent in the JVM without a restart: java -jar"
            + " jolokia-agent-jvm-2.1.1-javaagent.jar --host 127.0.0.1 --port 8778 start <pid>";

    private JolokiaFailures() {}

    static TargetProblem timeout(JolokiaTarget target, String what, Duration deadline) {
        return new TargetProblem(
                TargetProblem.Kind.TIMEOUT,
                "No answer from the Jolokia agent at " + target.url() + " within " + deadline.toMillis() + " ms while "
                        + what + ". The JVM may be stalled (a long GC) or the tunnel stuck; StreamScope keeps"
                        + " trying. Allow more time with --call-timeout.");
    }

    static TargetProblem classify(Throwable failure, JolokiaTarget target, String what, int status, String type) {
        String url = target.url();
        Throwable cause = rootCause(failure);
        if (cause instanceof UnknownHostException) {
            return new TargetProblem(
                    TargetProblem.Kind.UNKNOWN_HOST,
                    "Cannot resolve the host of " + url + ". Check the URL; for a pod, port-forward the agent's port"
                            + " (kubectl port-forward pod/NAME 8778) and use http://127.0.0.1:8778/jolokia/",
                    failure);
        }
        if (cause instanceof HttpHostConnectException
                || cause instanceof ConnectException
                || cause instanceof NoRouteToHostException) {
            return new TargetProblem(
                    TargetProblem.Kind.CONNECTION_REFUSED,
                    "Nothing answers at " + url + " (connection refused). Is the Jolokia agent running there, on"
                            + " that port? If not, " + ATTACH_HINT + "; through a tunnel, check that the port-forward"
                            + " is still running.",
                    failure);
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof SocketTimeoutException) {
            return new TargetProblem(
                    TargetProblem.Kind.TIMEOUT,
                    "No answer from " + url + " in time while " + what + ". A firewall may drop the packets, or the"
                            + " JVM is stalled; check the host and port.",
                    failure);
        }
        // an untrusted certificate's root cause is the failed path check: the handshake failure wraps it
        Throwable handshake = inChain(failure, SSLHandshakeException.class);
        if (handshake != null) {
            return new TargetProblem(
                    TargetProblem.Kind.UNTRUSTED_CERTIFICATE,
                    "The TLS handshake with " + url + " failed (" + handshake.getMessage() + "). If the agent's"
                            + " certificate is signed by your own CA, give its PEM file with --jolokia-ca FILE.",
                    failure);
        }
        Throwable otherHost = inChain(failure, SSLPeerUnverifiedException.class);
        if (otherHost != null) {
            return new TargetProblem(
                    TargetProblem.Kind.CERTIFICATE_HOST_MISMATCH,
                    "The agent at " + url + " presents a certificate for another host (" + otherHost.getMessage()
                            + "). Use the host name its certificate names; through a tunnel, map that name to"
                            + " 127.0.0.1 in /etc/hosts.",
                    failure);
        }
        Throwable tls = inChain(failure, SSLException.class);
        if (tls != null) {
            return new TargetProblem(
                    TargetProblem.Kind.SSL_MISMATCH,
                    "TLS failed with " + url + " (" + tls.getMessage() + "). An agent without TLS is reached with"
                            + " http://, one with TLS with https://.",
                    failure);
        }
        if (failure instanceof J4pRemoteException remote && remote.getStatus() != 200) {
            return httpStatus(remote.getStatus(), target, type, failure);
        }
        if (status != 200 && status != 0) {
            return httpStatus(status, target, type, failure);
        }
        if (!type.isEmpty() && !type.contains("json") && !type.startsWith("text/plain")) {
            return notTheAgent(url, "a " + type + " page", failure);
        }
        if (String.valueOf(failure.getMessage()).contains("parse")
                || String.valueOf(failure.getMessage()).contains("Invalid JSON")) {
            return notTheAgent(url, "something that is not Jolokia's JSON", failure);
        }
        if (cause instanceof java.io.IOException) {
            return new TargetProblem(
                    TargetProblem.Kind.CONNECTION_LOST,
                    "The connection to " + url + " broke while " + what + " (" + cause.getMessage() + ").",
                    failure);
        }
        return new TargetProblem(
                TargetProblem.Kind.OTHER,
                "The Jolokia agent at " + url + " failed while " + what + ": " + failure,
                failure);
    }

    private static TargetProblem httpStatus(int status, JolokiaTarget target, String type, Throwable failure) {
        String url = target.url();
        if (status == 401) {
            return target.hasCredentials()
                    ? new TargetProblem(
                            TargetProblem.Kind.AUTHENTICATION_FAILED,
                            "The Jolokia agent at " + url + " refused user \"" + target.user() + "\" (HTTP 401): the"
                                    + " user or password is wrong. Check --jolokia-user and the password in"
                                    + " STREAMSCOPE_JOLOKIA_PASSWORD.",
                            failure)
                    : new TargetProblem(
                            TargetProblem.Kind.CREDENTIALS_REQUIRED,
                            "The Jolokia agent at " + url + " asks for a user and password (HTTP 401). Give"
                                    + " --jolokia-user NAME and put the password in the environment variable"
                                    + " STREAMSCOPE_JOLOKIA_PASSWORD.",
                            failure);
        }
        if (status == 403) {
            return new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    "The server at " + url + " forbids this client (HTTP 403): the agent's policy (its"
                            + " jolokia-access.xml <remote> or <cors> section) or a proxy in front of it refuses"
                            + " this address. Allow StreamScope's host, and what it reads: see " + ACCESS_FILE + ".",
                    failure);
        }
        if (status == 404) {
            return notTheAgent(url, "HTTP 404 (no such page)", failure);
        }
        if (status == 502 || status == 503 || status == 504) {
            return new TargetProblem(
                    TargetProblem.Kind.CONNECTION_LOST,
                    "A proxy in front of " + url + " answered HTTP " + status + ": it cannot reach the agent behind"
                            + " it. Check that the JVM and its agent are running.",
                    failure);
        }
        return notTheAgent(url, "HTTP " + status + (type.isEmpty() ? "" : " (" + type + ")"), failure);
    }

    private static TargetProblem notTheAgent(String url, String answer, Throwable failure) {
        return new TargetProblem(
                TargetProblem.Kind.NOT_JMX,
                url + " answered with " + answer + ", not the Jolokia agent's JSON: a proxy, a login page or another"
                        + " web server answers there. Check the URL (the agent's path ends in /jolokia/) and that the"
                        + " tunnel reaches the agent's port.",
                failure);
    }

    /**
     * The message for one request the agent's policy forbids while the others were answered.
     *
     * @param mbean the MBean, {@code operation} the operation or attribute, as the policy names them
     */
    public static TargetProblem forbidden(JolokiaTarget target, String mbean, String operation, String error) {
        return new TargetProblem(
                TargetProblem.Kind.OTHER,
                "The Jolokia agent at " + target.url() + " forbids " + operation + " on " + mbean + " (" + error
                        + "). Its policy (jolokia-access.xml) must allow it; " + ACCESS_FILE + " is a policy that"
                        + " allows exactly what StreamScope reads and invokes.");
    }

    private static Throwable inChain(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
