package dev.streamscope.app.session;

import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.jmx.gc.GcRecovery;
import dev.streamscope.app.jmx.sample.CollectorTotals;
import dev.streamscope.app.jmx.sample.JvmSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds collections that GC notifications never reported (they were lost, or happened while we were reconnecting) by
 * comparing the collectors' totals with the notified collections' ids, and recovers them as points.
 *
 * <p>A notification can arrive just after the tick that already counted its collection, so comparing per tick would
 * report false "missed" collections on a busy target. Instead each tick explains collections only up to the
 * <em>previous</em> tick's counts, by id: notifications for those have had a whole interval to arrive. Confined to the
 * session's poller thread; survives reconnects, which is the point.
 */
final class MissedCollections {

    private long targetStartEpochMillis = Long.MIN_VALUE;
    private List<CollectorTotals> explainedUpTo;
    private List<CollectorTotals> previousTick;
    private final List<GcEvent> unexplained = new ArrayList<>();

    /**
     * @param notified the collections notified since the previous tick
     * @return recovered points, placed at this tick's time; empty on the first tick and after the target restarted
     */
    List<GcEvent> recover(long targetStart, JvmSample sample, List<GcEvent> notified) {
        if (explainedUpTo == null || targetStart != targetStartEpochMillis) {
            // a new target, or one restarted on the same address: its earlier collections are none of our business
            targetStartEpochMillis = targetStart;
            explainedUpTo = sample.collectors();
            previousTick = sample.collectors();
            unexplained.clear();
            return List.of();
        }
        for (GcEvent event : notified) {
            if (!event.recovered()) {
                unexplained.add(event);
            }
        }
        Map<String, Long> explainable = new HashMap<>();
        previousTick.forEach(totals -> explainable.put(totals.name(), totals.collectionCount()));
        List<GcEvent> explaining = new ArrayList<>();
        for (GcEvent event : unexplained) {
            if (event.gcId() <= explainable.getOrDefault(event.collector(), Long.MIN_VALUE)) {
                explaining.add(event);
            }
        }
        List<GcEvent> recovered =
                GcRecovery.recover(explainedUpTo, previousTick, GcRecovery.tally(explaining), sample.epochMillis());
        unexplained.removeAll(explaining);
        explainedUpTo = previousTick;
        previousTick = sample.collectors();
        return recovered;
    }
}
