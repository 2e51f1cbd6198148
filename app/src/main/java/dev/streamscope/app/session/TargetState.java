package dev.streamscope.app.session;

/** Where a target's session stands; the tab's status dot shows it. */
public enum TargetState {
    /** The first connection is being made. */
    CONNECTING,
    /** Polling. */
    CONNECTED,
    /** The connection was lost; history is kept and the session retries with backoff. */
    RECONNECTING,
    /** The first connection failed; nothing is retried until the user asks. */
    FAILED,
    /** Closed by the user. */
    STOPPED
}
