package dev.streamscope.app.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A range query's answer kept from one refresh to the next, so that a refresh asks Prometheus only for the steps it has
 * not seen: a range evaluation costs per step and series, and for 1,000 instances (× 10 methods) the whole range was
 * most of a refresh's work. Used for the sparklines (by instance) and the trend (by instance, method, side and kind).
 * The grid is aligned to multiples of the step, so kept steps keep their times. Not thread-safe: one refresh at a time.
 * Holds one double per step for each key of the last answer, and of the kept ones with a value left in the span.
 *
 * @param <K> what a series is kept by, from its labels
 */
final class SparklineHistory<K> {

    private final long spanMillis;
    private final long stepMillis;
    private final int steps;
    private final Function<Map<String, String>, K> key;
    private long endMillis = Long.MIN_VALUE;
    private String query = "";
    private Map<K, double[]> kept = Map.of();

    SparklineHistory(Duration span, Duration step, Function<Map<String, String>, K> key) {
        this.spanMillis = span.toMillis();
        this.stepMillis = step.toMillis();
        this.steps = (int) (spanMillis / stepMillis) + 1;
        this.key = key;
    }

    /** Sparklines by the {@code instance} label. */
    static SparklineHistory<String> byInstance(Duration span, Duration step) {
        return new SparklineHistory<>(span, step, labels -> labels.getOrDefault("instance", ""));
    }

    Duration step() {
        return Duration.ofMillis(stepMillis);
    }

    /**
     * The steps a line shows at {@code now}, and where the range query starts: at the last kept step, or at the start
     * when nothing is kept or the query changed. The last step is the first multiple of the step at or after
     * {@code now}: Prometheus gives it the latest samples, and the next refresh asks for it again once its time has
     * passed.
     */
    record Window(long startMillis, long endMillis, long fetchFromMillis, String query) {
        Instant fetchFrom() {
            return Instant.ofEpochMilli(fetchFromMillis);
        }

        Instant end() {
            return Instant.ofEpochMilli(endMillis);
        }
    }

    Window window(Instant now, String query) {
        long end = -Math.floorDiv(-now.toEpochMilli(), stepMillis) * stepMillis;
        long start = end - spanMillis;
        boolean usable = !kept.isEmpty() && this.query.equals(query) && endMillis >= start && endMillis <= end;
        return new Window(start, end, usable ? endMillis : start, Objects.requireNonNull(query));
    }

    /**
     * Merges a range answer over {@code window} with what is kept, keeps the result, and returns each key's line: the
     * answered ones and the kept ones with a value left in the span. A key seen for the first time after a partial fetch shows only the fetched steps this once: the next
     * refresh asks for the whole span again.
     */
    Map<K, Sparkline> update(Window window, List<PrometheusSeries> answer) {
        Map<K, double[]> next = new HashMap<>();
        Map<K, Sparkline> lines = new HashMap<>();
        boolean newcomer = false;
        int keptShift = (int) ((window.startMillis() - (endMillis - spanMillis)) / stepMillis);
        for (PrometheusSeries series : answer) {
            K id = key.apply(series.labels());
            double[] values = new double[steps];
            Arrays.fill(values, Double.NaN);
            if (window.fetchFromMillis() > window.startMillis()) {
                double[] old = kept.get(id);
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
                    values[offset + i] = fetched.valueAt(i);
                }
            }
            next.merge(id, values, (first, second) -> first);
            lines.putIfAbsent(id, new Sparkline(window.startMillis(), stepMillis, values));
        }
        if (window.fetchFromMillis() > window.startMillis()) {
            // a key the new steps do not answer (a series gone stale, a counter a restarted process has not made yet)
            // keeps its earlier steps, as the whole span's answer would have them
            int count = (int) ((window.fetchFromMillis() - window.startMillis()) / stepMillis);
            kept.forEach((id, old) -> {
                if (next.containsKey(id)) {
                    return;
                }
                double[] values = new double[steps];
                Arrays.fill(values, Double.NaN);
                System.arraycopy(old, keptShift, values, 0, count);
                for (double value : values) {
                    if (!Double.isNaN(value)) {
                        next.put(id, values);
                        lines.put(id, new Sparkline(window.startMillis(), stepMillis, values));
                        return;
                    }
                }
            });
        }
        kept = newcomer ? Map.of() : next;
        endMillis = window.endMillis();
        query = window.query();
        return lines;
    }

    /** What is kept answers {@code narrower} too (it asks for fewer families, none of which gave a series). */
    void keptAnswers(String narrower) {
        query = narrower;
    }
}
