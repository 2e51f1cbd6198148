package dev.streamscope.app.channelz;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a channel trace.
 *
 * @param description what happened, as the peer wrote it
 * @param severity how bad it was
 * @param timestamp when, or {@code null} when the peer did not say
 * @param child the channel or subchannel the event is about, or {@code null}
 */
public record ChannelTraceEvent(String description, Severity severity, Instant timestamp, EntityKey child) {

    /** Severity as channelz defines it. */
    public enum Severity {
        UNKNOWN,
        INFO,
        WARNING,
        ERROR
    }

    public ChannelTraceEvent {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(severity, "severity");
    }
}
