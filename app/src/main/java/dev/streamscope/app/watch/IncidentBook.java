package dev.streamscope.app.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decides whether firing evidence becomes an incident folder: a kind opens or joins one at most once a cooldown, never
 * more than the cap, counting the folders an earlier watch left in the same place (the oldest are kept; new ones stop).
 * A trigger that fires while an incident is recording joins it: one leak sets off several triggers within seconds,
 * and one folder holds its evidence. One thread uses it: the watch's.
 */
public final class IncidentBook {

    /** What to do with a trigger that fires now. */
    public enum Decision {
        /** Write an incident folder. */
        OPEN,
        /** One of this kind was opened less than a cooldown ago. */
        COOLING_DOWN,
        /** The cap is reached: no new folder, ever, in this watch. */
        FULL,
        /** An incident is recording: the evidence goes into its folder, and this kind's cooldown starts now. */
        JOIN
    }

    private final Duration cooldown;
    private final int maxIncidents;
    private final Clock clock;
    private final Map<TriggerKind, Instant> lastOpened = new EnumMap<>(TriggerKind.class);
    private int incidents;

    /**
     * @param existing incident folders already in the watch's folder, which count against the cap
     * @param clock the watch's clock; tests give a fixed one they move
     */
    public IncidentBook(Duration cooldown, int maxIncidents, int existing, Clock clock) {
        if (maxIncidents < 1) {
            throw new IllegalArgumentException("maxIncidents must be at least 1, was " + maxIncidents);
        }
        this.cooldown = cooldown;
        this.maxIncidents = maxIncidents;
        this.incidents = existing;
        this.clock = clock;
    }

    /** Whether {@code kind} firing now, with no incident recording, opens one; an opened one is counted at once. */
    public Decision consider(TriggerKind kind) {
        return consider(kind, false);
    }

    /**
     * What {@code kind} firing now does; an opened incident is counted at once.
     *
     * @param incidentRecording whether an incident is recording its --after now (it joins that one)
     */
    public Decision consider(TriggerKind kind, boolean incidentRecording) {
        Instant now = clock.instant();
        Instant last = lastOpened.get(kind);
        if (last != null && now.isBefore(last.plus(cooldown))) {
            return Decision.COOLING_DOWN;
        }
        if (incidentRecording) {
            lastOpened.put(kind, now);
            return Decision.JOIN;
        }
        if (incidents >= maxIncidents) {
            return Decision.FULL;
        }
        lastOpened.put(kind, now);
        incidents++;
        return Decision.OPEN;
    }

    /** When {@code kind} may open an incident again, or null when it may now. */
    public Instant coolingUntil(TriggerKind kind) {
        Instant last = lastOpened.get(kind);
        return last == null || !clock.instant().isBefore(last.plus(cooldown)) ? null : last.plus(cooldown);
    }

    /** Incident folders counted so far, those found at the start included. */
    public int incidents() {
        return incidents;
    }

    public int maxIncidents() {
        return maxIncidents;
    }

    public boolean full() {
        return incidents >= maxIncidents;
    }
}
