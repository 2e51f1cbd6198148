package dev.streamscope.app.streams;

import java.time.Instant;
import java.util.Objects;

/**
 * The old generation's usage right after one collection: what survived, the live set.
 *
 * @param at when the collection ended
 * @param bytes old generation used after it
 */
public record LiveSetPoint(Instant at, long bytes) {

    public LiveSetPoint {
        Objects.requireNonNull(at, "at");
    }
}
