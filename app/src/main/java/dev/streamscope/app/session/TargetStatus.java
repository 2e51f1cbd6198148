package dev.streamscope.app.session;

import dev.streamscope.app.base.TargetProblem;
import java.util.Objects;

/**
 * A session's state with the words a user needs: why it is in that state and, when reconnecting, when it tries next.
 *
 * @param problem the failure behind a RECONNECTING or FAILED state, or {@code null}
 * @param nextAttemptEpochMillis when a RECONNECTING session tries again, or 0
 * @param connectionNote on CONNECTED, what the user should know of how the connection was made: routed through a
 *     tunnel, or what the transport cannot see (over Jolokia, GC pauses polled); else empty. Also part of {@code message}; kept apart so a recording can note it once.
 */
public record TargetStatus(
        TargetState state, String message, TargetProblem problem, long nextAttemptEpochMillis, String connectionNote) {

    public TargetStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        connectionNote = connectionNote == null ? "" : connectionNote;
    }

    public TargetStatus(TargetState state, String message, TargetProblem problem, long nextAttemptEpochMillis) {
        this(state, message, problem, nextAttemptEpochMillis, "");
    }

    public static TargetStatus of(TargetState state, String message) {
        return new TargetStatus(state, message, null, 0);
    }
}
