package dev.streamscope.app.target;

import java.util.Objects;

/**
 * Why a target could not be reached or read, in words a user can act on. The kind lets the session decide whether to
 * retry (a timeout, a lost connection) or to stop and ask (bad credentials, attach refused).
 */
public final class TargetProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Nothing answered at the address, or the name did not resolve. */
        UNREACHABLE,
        /** The target refused the credentials. */
        AUTHENTICATION,
        /** A call got no answer within its deadline. */
        TIMEOUT,
        /** The connection broke, or the target went away, after it was open. */
        CONNECTION_LOST,
        /** A local JVM refused or does not allow the Attach API. */
        NOT_ATTACHABLE,
        /** The target answered with something we did not expect. */
        UNEXPECTED
    }

    private final Kind kind;

    public TargetProblem(Kind kind, String message) {
        this(kind, message, null);
    }

    public TargetProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
