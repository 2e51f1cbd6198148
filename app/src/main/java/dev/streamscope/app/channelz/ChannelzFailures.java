package dev.streamscope.app.channelz;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.TargetProblem.Kind;
import io.grpc.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one place that turns what gRPC, Netty and the JDK throw at a channelz client into a {@link TargetProblem} that
 * says what happened and what to do. gRPC wraps transport failures in a {@link Status}; the telling detail is often a
 * cause several levels down or a phrase in the description, so both are read.
 */
public final class ChannelzFailures {

    /** What a TLS record starts with (alert 0x15 or handshake 0x16, version 3.x), as Netty prints it in hex. */
    private static final String[] TLS_RECORD_HEX = {"1503", "1603"};

    private ChannelzFailures() {}

    public static TargetProblem classify(Throwable failure, ChannelzTarget target) {
        Throwable cause = ChannelzWalker.unwrap(failure);
        if (cause instanceof TargetProblem problem) {
            return problem;
        }
        String where = target.address().toString();
        if (cause instanceof TimeoutException) {
            return new TargetProblem(
                    Kind.TIMEOUT,
                    "The channelz refresh of " + where + " did not finish within its deadline. The service may be"
                            + " overloaded or its tree very large; try a longer refresh deadline or fewer calls in"
                            + " flight.",
                    cause);
        }
        if (cause instanceof CancellationException) {
            return new TargetProblem(Kind.CANCELLED, "The channelz refresh of " + where + " was cancelled.", cause);
        }
        Status status = Status.fromThrowable(cause);
        String description = describe(status);
        // the telling phrase may be in the status description or in a cause's message
        String lowered = description.toLowerCase(Locale.ROOT) + "\n" + chainText(cause);

        TargetProblem tls = tlsProblem(cause, target, where, lowered);
        if (tls != null) {
            return tls;
        }
        if (has(cause, UnknownHostException.class)) {
            return new TargetProblem(
                    Kind.UNKNOWN_HOST,
                    "The host " + target.address().host() + " is unknown. Check the spelling, or use its IP address.",
                    cause);
        }
        if (has(cause, ConnectException.class) || lowered.contains("connection refused")) {
            return new TargetProblem(
                    Kind.CONNECTION_REFUSED,
                    "Nothing accepts connections at " + where + ". Check the port and that the service runs.",
                    cause);
        }
        if (lowered.contains("first received frame was not settings")
                || lowered.contains("http status code")
                || lowered.contains("invalid content-type")
                || lowered.contains("unexpected http/1")) {
            if (!target.tls() && containsAny(lowered, TLS_RECORD_HEX)) {
                return sslRequired(where, cause);
            }
            return new TargetProblem(
                    Kind.NOT_GRPC,
                    "The server at " + where + " answered, but not in gRPC (" + description + "). Check that the"
                            + " address is the gRPC port of the service, not an HTTP or admin port.",
                    cause);
        }
        return switch (status.getCode()) {
            case UNIMPLEMENTED ->
                new TargetProblem(
                        Kind.NO_CHANNELZ,
                        "The gRPC server at " + where + " does not expose channelz. Register it on the server builder:"
                                + " .addService(io.grpc.protobuf.services.ChannelzService.newInstance(100)) in Java"
                                + " (or channelz.RegisterChannelzServiceToServer in Go, grpc.channelz in Python).",
                        cause);
            case DEADLINE_EXCEEDED ->
                new TargetProblem(
                        Kind.TIMEOUT,
                        "The channelz service at " + where + " did not answer in time (" + description + "). If the"
                                + " port is right, the service may be overloaded; a port that accepts connections and"
                                + " never answers may not be gRPC at all.",
                        cause);
            case RESOURCE_EXHAUSTED ->
                new TargetProblem(
                        Kind.REJECTED_DATA,
                        "The channelz service at " + where + " sent an answer larger than StreamScope accepts ("
                                + ChannelzClient.MAX_INBOUND_MESSAGE_BYTES / (1024 * 1024) + " MiB): " + description
                                + ". Ask for smaller pages.",
                        cause);
            case INTERNAL ->
                lowered.contains("protobuf") || lowered.contains("parse")
                        ? new TargetProblem(
                                Kind.REJECTED_DATA,
                                "The channelz service at " + where + " sent an answer that is not valid channelz: "
                                        + description + ".",
                                cause)
                        : new TargetProblem(
                                Kind.NOT_GRPC,
                                "The connection to " + where + " failed at the protocol level (" + description
                                        + "). Check that the address is a gRPC port.",
                                cause);
            case UNAVAILABLE -> unavailable(target, where, description, lowered, cause);
            case CANCELLED ->
                new TargetProblem(
                        Kind.CANCELLED,
                        "The channelz call to " + where + " was cancelled: " + description + ".",
                        cause);
            default ->
                new TargetProblem(
                        Kind.OTHER,
                        "The channelz service at " + where + " failed: " + status.getCode() + " " + description + ".",
                        cause);
        };
    }

    private static TargetProblem tlsProblem(Throwable cause, ChannelzTarget target, String where, String lowered) {
        String chain = chainText(cause);
        if (chain.contains("no subject alternative") || chain.contains("no name matching")) {
            return new TargetProblem(
                    Kind.CERTIFICATE_HOST_MISMATCH,
                    "The server at " + where + " presented a certificate that is not for "
                            + target.expectedServerName() + " (" + rootLine(cause) + "). Connect by a name the"
                            + " certificate lists, or give that name as the server-name override.",
                    cause);
        }
        if (has(cause, CertPathBuilderException.class)
                || has(cause, CertPathValidatorException.class)
                || chain.contains("pkix path")
                || chain.contains("unable to find valid certification path")) {
            return new TargetProblem(
                    Kind.UNTRUSTED_CERTIFICATE,
                    "The certificate of " + where + " is not signed by a trusted authority. Give the CA file that"
                            + " signed it.",
                    cause);
        }
        if (target.tls()
                && (chain.contains("notsslrecordexception")
                        || chain.contains("not an ssl/tls record")
                        || chain.contains("unsupported or unrecognized ssl message")
                        || (lowered.contains("ssl")
                                && lowered.contains("handshake")
                                && !has(cause, CertificateException.class)
                                && chain.contains("plaintext")))) {
            return new TargetProblem(
                    Kind.SSL_MISMATCH,
                    "The server at " + where + " speaks plaintext, not TLS. Connect without TLS, or check that"
                            + " this is the TLS port.",
                    cause);
        }
        if (target.tls() && has(cause, SSLException.class) && chain.contains("certificate_required")) {
            return new TargetProblem(
                    Kind.AUTHENTICATION_FAILED,
                    "The server at " + where + " requires a client certificate (mutual TLS). Give a client"
                            + " certificate and key.",
                    cause);
        }
        if (target.tls() && has(cause, SSLException.class)) {
            return new TargetProblem(
                    Kind.SSL_MISMATCH, "The TLS handshake with " + where + " failed: " + rootLine(cause) + ".", cause);
        }
        return null;
    }

    private static TargetProblem unavailable(
            ChannelzTarget target, String where, String description, String lowered, Throwable cause) {
        if (!target.tls() && (lowered.contains("network closed") || lowered.contains("connection reset"))) {
            // a TLS server drops a plaintext client's HTTP/2 preface without a word (closed or reset); so may a peer
            // that is not gRPC at all
            return new TargetProblem(
                    Kind.SSL_REQUIRED,
                    "The server at " + where + " closed the connection without answering. It probably requires"
                            + " TLS: connect with TLS (and a CA file if its certificate is private). If it does not,"
                            + " it is not a gRPC server.",
                    cause);
        }
        return new TargetProblem(
                Kind.CONNECTION_LOST,
                "The channelz service at " + where + " is unavailable: " + description + ".",
                cause);
    }

    private static TargetProblem sslRequired(String where, Throwable cause) {
        return new TargetProblem(
                Kind.SSL_REQUIRED,
                "The server at " + where + " speaks TLS. Connect with TLS (and a CA file if its certificate is"
                        + " private).",
                cause);
    }

    private static String describe(Status status) {
        if (status.getDescription() != null) {
            return status.getDescription();
        }
        return status.getCause() != null
                ? rootLine(status.getCause())
                : status.getCode().name();
    }

    private static boolean has(Throwable throwable, Class<? extends Throwable> type) {
        for (Throwable current = throwable; current != null; current = next(current)) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    /** Class names and messages of the whole cause chain, lower case, for phrase matching. */
    private static String chainText(Throwable throwable) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = throwable; current != null; current = next(current)) {
            text.append(current.getClass().getName())
                    .append(": ")
                    .append(current.getMessage())
                    .append('\n');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static String rootLine(Throwable throwable) {
        return ChannelzClient.rootMessage(throwable);
    }

    private static Throwable next(Throwable throwable) {
        Throwable cause = throwable.getCause();
        return cause == throwable ? null : cause;
    }

    private static boolean containsAny(String text, String[] needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
