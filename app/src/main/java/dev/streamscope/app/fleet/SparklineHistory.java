package dev.streamscope.app.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's sparklines kept from one refresh to the next, so that a refresh asks Prometheus only for the steps it
 * has not seen: its range evaluation costs per step and series, and for 1,000 instances the whole span was most of a
 * refresh's work. The grid is aligned to multiples of the step, so kept steps keep their times. Not thread-safe: one
 * refresh at a time. Holds at most one float per step for each instance of the last answer.
 */
final class SparklineHistory {

    private final long spanMillis;
    private final long stepMillis;
    private final int steps;
    private long endMillis = Long.MIN_VALUE;
    private Map<String, float[]> kept = Map.of();

    SparklineHistory(Duration span, Duration step) {
        this.spanMillis = span.toMillis();
        this.stepMillis = step.toMillis();
        this.steps = (int) (spanMillis / stepMillis) + 1;
    }

    /**
     * The steps a sparkline shows at {@code now}, and where the range query starts: at the last kept step, or at the
     * start when nothing is kept. The last step is the first multiple of the step at or after {@code now}: Prometheus
     * gives it the latest samples, and the next refresh asks for it again once its time has passed.
     */
    record Window(long startMillis, long endMillis, long fetchFromMillis) {
        Instant fetchFrom() {
            return Instant.ofEpochMilli(fetchFromMillis);
        }

        Instant end() {
            return Instant.ofEpochMilli(endMillis);
        }
    }

    Window window(Instant now) {
        long end = -Math.floorDiv(-now.toEpochMilli(), stepMillis) * stepMillis;
        long start = end - spanMillis;
        boolean usable = !kept.isEmpty() && endMillis >= start && endMillis <= end;
        return new Window(start, end, usable ? endMillis : start);
    }

    /**
     * Merges a range answer over {@code window} with what is kept, keeps the result, and returns each answered
     * instance's sparkline. An instance seen for the first time after a partial fetch shows only the fetched steps this
     * once: the next refresh asks for the whole span again.
     */
    Map<String, Sparkline> update(Window window, List<PrometheusSeries> answer) {
        Map<String, float[]> next = new HashMap<>();
        Map<String, Sparkline> lines = new HashMap<>();
        boolean newcomer = false;
        int keptShift = (int) ((window.startMillis() - (endMillis - spanMillis)) / stepMillis);
        for (PrometheusSeries series : answer) {
            String instance = series.labels().getOrDefault("instance", "");
            float[] values = new float[steps];
            Arrays.fill(values, Float.NaN);
            if (window.fetchFromMillis() > window.startMillis()) {
                float[] old = kept.get(instance);
                if (old == null) {
                    newcomer = true;
                } else {
                    int count = (int) ((window.fetchFromMillis() - window.startMillis()) / stepMillis);
                    System.arraycopy(old, keptShift, values, 0, count);
                }
            }
            Sparkline fetched = series.range();
            int offset = (int) ((fetched.startMillis() - window.startMillis()) / stepMillis);
            for (int i = 0; i < fetched.size() && offset + i < steps; i++) {
                if (offset + i >= 0) {
                    values[offset + i] = (float) fetched.valueAt(i);
                }
            }
            next.merge(instance, values, (first, second) -> first);
            lines.putIfAbsent(instance, new Sparkline(window.startMillis(), stepMillis, values));
        }
        kept = newcomer ? Map.of() : next;
        endMillis = window.endMillis();
        return lines;
    }
}
