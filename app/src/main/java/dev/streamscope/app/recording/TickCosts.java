package dev.streamscope.app.recording;

import dev.streamscope.app.jmx.sample.PollCost;

/**
 * What the last ticks cost the target, on average. A tick reads slow-changing figures only every tenth time, so one
 * tick's cost jumps from about 5 round trips to about 14; the mean over {@link #SPAN} ticks is what the target pays.
 */
final class TickCosts {

    /** As many ticks as one full-read period, so the mean covers exactly one full read. */
    static final int SPAN = 10;

    private final PollCost[] recent = new PollCost[SPAN];
    private int next;
    private int count;

    void add(PollCost cost) {
        recent[next] = cost;
        next = (next + 1) % SPAN;
        count = Math.min(count + 1, SPAN);
    }

    /** The mean of the last ticks' costs, or {@link PollCost#UNKNOWN} before the first metered one. */
    PollCost mean() {
        int metered = 0;
        long roundTrips = 0;
        long sent = 0;
        long received = 0;
        for (int index = 0; index < count; index++) {
            PollCost cost = recent[index];
            if (cost.roundTrips() > 0) {
                metered++;
                roundTrips += cost.roundTrips();
                sent += cost.bytesSent();
                received += cost.bytesReceived();
            }
        }
        if (metered == 0) {
            return PollCost.UNKNOWN;
        }
        return new PollCost((int) Math.round(roundTrips / (double) metered), sent / metered, received / metered);
    }
}
