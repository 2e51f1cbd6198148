package dev.streamscope.app.base;

import java.time.Duration;
import java.util.Objects;

/**
 * The deadlines of one target.
 *
 * @param connect how long connecting (and authenticating) may take
 * @param call how long one remote call (one {@code getAttributes}, one channelz page) may take
 */
public record Timeouts(Duration connect, Duration call) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(call, "call");
        if (connect.isNegative() || connect.isZero() || call.isNegative() || call.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: " + connect + ", " + call);
        }
    }
}
