package dev.streamscope.app.fleet;

/** Why a fleet could not be read from Prometheus, with a message that says what to do next. */
public final class PrometheusProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong; the headless exit status and the Fleet tab's hint follow from it. */
    public enum Kind {
        /** Nothing answered within the deadline, or the connection failed. */
        UNREACHABLE,
        /** 401 or 403. */
        UNAUTHORIZED,
        /** Something answered, but not Prometheus's HTTP API (an HTML page, a 404). */
        NOT_PROMETHEUS,
        /** Prometheus rejected a query; the message carries its own error text. */
        QUERY,
        /** Prometheus answered, but no instance reports the bridge's metrics. */
        NO_INSTANCES
    }

    private final Kind kind;

    public PrometheusProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PrometheusProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
