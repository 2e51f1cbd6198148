package dev.streamscope.app.jmx.gc;

import dev.streamscope.app.jmx.sample.CollectorTotals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovers collections that GC notifications missed (while reconnecting, before subscribing, or when the connector
 * dropped notifications) from the collectors' running totals. Pure logic: the caller polls the totals and counts the
 * notified events between two ticks.
 *
 * <p>Notifications travel separately from the polled totals, so one that was sent just before a tick may be
 * delivered just after it; a caller that counts notifications by arrival should expect an occasional spurious
 * recovered point for such a collection.
 */
public final class GcRecovery {

    /** The action of a recovered point: the JVM never said what these collections were. */
    public static final String RECOVERED_ACTION = "recovered from collector totals";

    /** What notifications told us about one collector between two ticks. */
    public record Notified(long count, long durationMillis) {

        public static final Notified NONE = new Notified(0, 0);

        public Notified plus(GcEvent event) {
            return new Notified(count + 1, durationMillis + event.durationMillis());
        }
    }

    private GcRecovery() {}

    /** Counts notified (not recovered) events per collector. */
    public static Map<String, Notified> tally(List<GcEvent> events) {
        Map<String, Notified> notified = new HashMap<>();
        for (GcEvent event : events) {
            if (!event.recovered()) {
                notified.merge(event.collector(), Notified.NONE.plus(event), GcRecovery::sum);
            }
        }
        return notified;
    }

    /**
     * One recovered event per collector whose count grew by more than the notifications told, standing for all the
     * missed collections at once: placed at {@code atEpochMillis}, cause "unknown", duration the collector's time not
     * accounted for by notifications (never below 0). A collector whose count went down (the target restarted) or
     * that has no previous totals yields nothing.
     *
     * @param notifiedSincePrevious notified events per collector name since {@code previous} was read
     */
    public static List<GcEvent> recover(
            List<CollectorTotals> previous,
            List<CollectorTotals> current,
            Map<String, Notified> notifiedSincePrevious,
            long atEpochMillis) {
        Map<String, CollectorTotals> previousByName = new HashMap<>();
        for (CollectorTotals totals : previous) {
            previousByName.put(totals.name(), totals);
        }
        List<GcEvent> recovered = new ArrayList<>();
        for (CollectorTotals now : current) {
            CollectorTotals before = previousByName.get(now.name());
            if (before == null || now.collectionCount() < before.collectionCount()) {
                continue;
            }
            Notified notified = notifiedSincePrevious.getOrDefault(now.name(), Notified.NONE);
            long missed = now.collectionCount() - before.collectionCount() - notified.count();
            if (missed <= 0) {
                continue;
            }
            long unaccountedMillis =
                    now.collectionTimeMillis() - before.collectionTimeMillis() - notified.durationMillis();
            recovered.add(new GcEvent(
                    atEpochMillis,
                    now.name(),
                    RECOVERED_ACTION,
                    GcNotifications.UNKNOWN_CAUSE,
                    Math.max(0, unaccountedMillis),
                    ConcurrentGc.isConcurrent(now.name(), ""),
                    (int) Math.min(Integer.MAX_VALUE, missed),
                    0));
        }
        return recovered;
    }

    private static Notified sum(Notified one, Notified other) {
        return new Notified(one.count() + other.count(), one.durationMillis() + other.durationMillis());
    }
}
