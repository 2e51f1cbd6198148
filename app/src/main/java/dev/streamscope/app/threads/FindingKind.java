package dev.streamscope.app.threads;

/** What a thread finding names; each kind's rule is written in {@link ThreadAnalysis}. */
public enum FindingKind {
    BLOCKED_EVENT_LOOP("Blocked event loop"),
    STUCK_BLOCKING_CALL("Stuck blocking gRPC call"),
    SATURATED_POOL("Saturated pool"),
    DEADLOCK("Deadlock");

    private final String title;

    FindingKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
