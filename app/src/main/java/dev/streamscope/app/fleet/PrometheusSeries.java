package dev.streamscope.app.fleet;

import java.util.Arrays;
import java.util.Map;

/**
 * One series of a query's answer: its labels, and its value (instant query) or its values on a step grid (range
 * query). Immutable; a missing step is NaN.
 */
public final class PrometheusSeries {

    private final Map<String, String> labels;
    private final long startMillis;
    private final long stepMillis;
    private final double[] values;

    PrometheusSeries(Map<String, String> labels, long startMillis, long stepMillis, double[] values) {
        this.labels = Map.copyOf(labels);
        this.startMillis = startMillis;
        this.stepMillis = stepMillis;
        this.values = values.clone();
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** The instant value, or the last value of a range. */
    public double value() {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    public int size() {
        return values.length;
    }

    public double valueAt(int index) {
        return values[index];
    }

    public long startMillis() {
        return startMillis;
    }

    public long stepMillis() {
        return stepMillis;
    }

    double[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return labels + "=" + Arrays.toString(values);
    }
}
