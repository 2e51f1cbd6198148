package dev.streamscope.app.target;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines for remote work. Every network call StreamScope makes runs under one of these.
 *
 * @param connect how long establishing a connection may take, lookups and handshakes included
 * @param call how long one remote call of a poll may take
 */
public record Timeouts(Duration connect, Duration call) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(call, "call");
        if (connect.isNegative() || connect.isZero() || call.isNegative() || call.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
