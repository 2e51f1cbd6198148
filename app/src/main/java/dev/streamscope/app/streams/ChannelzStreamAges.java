package dev.streamscope.app.streams;

import dev.streamscope.app.base.CountText;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.lifetime.OverdueCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Stream ages derived from channelz socket counters, for targets without the bridge: bounds, never exact ages.
 *
 * @param takenAt when the snapshot's walk started
 * @param lifetime the lifetime the bounds are for: the policy's default, as channelz knows no methods
 * @param perMethodLifetimesIgnored the policy had per-method overrides, which channelz cannot apply
 * @param sockets the sockets with open streams, most old streams first
 * @param open open streams on every client and server socket
 * @param overdue bounds on how many of them are older than {@code lifetime}
 * @param untrackedSockets sockets beyond the tracking cap: their streams count in {@code open} and the upper bound only
 */
public record ChannelzStreamAges(
        Instant takenAt,
        Duration lifetime,
        boolean perMethodLifetimesIgnored,
        List<SocketStreamAges> sockets,
        long open,
        OverdueCount overdue,
        int untrackedSockets) {

    /** Where the figures come from, for the view to show next to them. */
    public static final String SOURCE = "derived from channelz socket counters";

    public ChannelzStreamAges {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(lifetime, "lifetime");
        sockets = List.copyOf(sockets);
        Objects.requireNonNull(overdue, "overdue");
    }

    /** E.g. "≥ 37 of 40 open streams older than 60 s (derived from channelz socket counters)". */
    public String summary() {
        String count = CountText.atLeast(overdue.atLeast(), overdue.atMost());
        return count + " of " + open + " open streams older than " + DurationText.age(lifetime) + " (" + SOURCE
                + (perMethodLifetimesIgnored ? "; per-method lifetimes do not apply, the default does" : "") + ")";
    }
}
