package dev.streamscope.app.series;

import java.util.Arrays;

/**
 * The points a {@link Decimator} kept, as x (epoch millis) and y arrays ready for a chart dataset. Reused across
 * refreshes: {@link #clear()} keeps the arrays, so a steady refresh allocates nothing.
 */
public final class DecimatedPoints {

    private double[] times = new double[64];
    private double[] values = new double[64];
    private int size;

    public void clear() {
        size = 0;
    }

    public void add(long epochMillis, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = epochMillis;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public double timeAt(int index) {
        checkIndex(index);
        return times[index];
    }

    public double valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    /** True when a point is a break ({@code NaN}), so a line through the points is interrupted. */
    public boolean containsGap() {
        for (int index = 0; index < size; index++) {
            if (Double.isNaN(values[index])) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the times, exactly {@link #size()} long. */
    public double[] timesCopy() {
        return Arrays.copyOf(times, size);
    }

    /** A copy of the values, exactly {@link #size()} long. */
    public double[] valuesCopy() {
        return Arrays.copyOf(values, size);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
        }
    }
}
