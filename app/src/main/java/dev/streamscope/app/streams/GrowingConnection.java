package dev.streamscope.app.streams;

import dev.streamscope.app.base.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A connection whose open streams climbed steadily over the trend window: evidence of a leak even while no stream can
 * be proven older than its lifetime (healthy calls on the same connection hide the old ones from the counters).
 *
 * @param socketId the channelz socket id
 * @param socket "127.0.0.1:52044 → 127.0.0.1:37411": this side's address, then the peer's
 * @param side "client" or "server"
 * @param openAtStart open streams at the window's first poll
 * @param openAtEnd open streams at its last poll
 * @param perMinute the fitted growth, streams per minute
 * @param forSeconds how long the connection has been growing: since the start of the first window that showed it
 * @param r2 how well a straight line fits the window's polls, 0 to 1
 * @param reachesLimitAt when the fitted line passes the stream limit; {@code null} without a limit or when passed
 * @param climbingSince where the climb itself began: the last poll of that first window at which the open count was at
 *     its lowest (a window shows growth only once the climb fills much of it, so its start can be well before);
 *     {@code null} when unknown (a recording from before it was kept)
 */
public record GrowingConnection(
        long socketId,
        String socket,
        String side,
        long openAtStart,
        long openAtEnd,
        double perMinute,
        long forSeconds,
        double r2,
        Instant reachesLimitAt,
        Instant climbingSince) {

    public GrowingConnection {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(side, "side");
    }

    /** E.g. "+1,200/min for 1 min 30 s (12 → 1,812 open)". */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "+%,.0f/min for %s (%,d → %,d open)",
                perMinute,
                DurationText.age(Duration.ofSeconds(forSeconds)),
                openAtStart,
                openAtEnd);
    }
}
