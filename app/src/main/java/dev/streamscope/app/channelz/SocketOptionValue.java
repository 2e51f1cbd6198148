package dev.streamscope.app.channelz;

import java.util.Objects;

/**
 * One socket option.
 *
 * @param name the option's name, e.g. {@code SO_KEEPALIVE}
 * @param value its value as the peer rendered it (may be empty)
 * @param additional the structured part, rendered readable (timeout, linger, TCP info), or {@code null}
 */
public record SocketOptionValue(String name, String value, String additional) {

    public SocketOptionValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
