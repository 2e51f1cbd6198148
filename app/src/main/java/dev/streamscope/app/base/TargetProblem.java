package dev.streamscope.app.base;

/**
 * Why talking to a target failed, in words a tired on-call engineer can act on: what happened and what to do next.
 * Connectors translate every low-level exception into one of these at the edge.
 */
public final class TargetProblem extends Exception {

    /** The kinds of failure the UI and the headless mode tell apart. */
    public enum Kind {
        MALFORMED_ADDRESS,
        UNKNOWN_HOST,
        CONNECTION_REFUSED,
        TIMEOUT,
        NOT_JMX,
        CREDENTIALS_REQUIRED,
        AUTHENTICATION_FAILED,
        SSL_REQUIRED,
        SSL_MISMATCH,
        UNTRUSTED_CERTIFICATE,
        REJECTED_DATA,
        CONNECTION_LOST,
        CANCELLED,
        /** A local JVM refused the Attach API (another user's, or started with -XX:+DisableAttachMechanism). */
        NOT_ATTACHABLE,
        /** The peer answered, but not in gRPC (an HTTP/1 server, another protocol). */
        NOT_GRPC,
        /** A gRPC server that does not serve the channelz service. */
        NO_CHANNELZ,
        /** A CA, certificate or key file that cannot be read or parsed. */
        UNREADABLE_FILE,
        /** The server's certificate is trusted but names another host. */
        CERTIFICATE_HOST_MISMATCH,
        OTHER
    }

    private final Kind kind;

    public TargetProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TargetProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * Whether this may pass without anyone changing anything: nothing listening yet, no answer in time, a connection
     * dropped. A target being restarted looks like this; a wrong host, protocol or credential does not.
     */
    public boolean mayPassByItself() {
        return kind == Kind.CONNECTION_REFUSED || kind == Kind.TIMEOUT || kind == Kind.CONNECTION_LOST;
    }

    public Kind kind() {
        return kind;
    }
}
