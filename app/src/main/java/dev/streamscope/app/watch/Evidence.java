package dev.streamscope.app.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a trigger fires now, in words a person reads in watch.log and incident.json.
 *
 * @param kind which trigger
 * @param at when the watch saw it
 * @param text the evidence: "+42/min on 127.0.0.1:50051 for 1 min", "≥ 37 overdue", "full in ≈ 42 min"
 */
public record Evidence(TriggerKind kind, Instant at, String text) {

    public Evidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
