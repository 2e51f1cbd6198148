package dev.streamscope.app.series;

import java.util.Arrays;

/**
 * A bounded ring of (epoch millis, value) points for one metric, kept in two primitive arrays so that a day of history
 * costs 16 bytes a point and no objects. When full, each new point overwrites the oldest.
 *
 * <p>A gap (the target was unreachable) is stored as a {@code NaN} value, so a line drawn through the points breaks
 * there instead of bridging the outage.
 *
 * <p>Times never go backwards inside a buffer: a point older than the newest one is stored at the newest one's time,
 * which keeps the buffer sorted for {@link #firstIndexAtOrAfter(long)} even when the target's clock steps back.
 *
 * <p>Not thread-safe: the {@link SeriesStore} that holds it belongs to one thread.
 */
public final class TimeSeriesBuffer {

    /** 24 hours at one point a second. */
    public static final int DEFAULT_CAPACITY = 86_400;

    /** Arrays start small and double up to the capacity, so a short session does not pay for a full day. */
    private static final int INITIAL_ARRAY_LENGTH = 1_024;

    private final int capacity;
    private long[] times;
    private double[] values;
    /** Array index of the oldest point. Stays 0 until the arrays have reached the capacity and wrapped. */
    private int head;

    private int size;

    public TimeSeriesBuffer() {
        this(DEFAULT_CAPACITY);
    }

    public TimeSeriesBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        int initial = Math.min(capacity, INITIAL_ARRAY_LENGTH);
        this.times = new long[initial];
        this.values = new double[initial];
    }

    /** Appends a point, dropping the oldest when the buffer is full. */
    public void append(long epochMillis, double value) {
        if (size > 0) {
            epochMillis = Math.max(epochMillis, newestTime());
        }
        if (size < capacity) {
            if (size == times.length) {
                grow();
            }
            times[size] = epochMillis;
            values[size] = value;
            size++;
        } else {
            times[head] = epochMillis;
            values[head] = value;
            head = (head + 1) % capacity;
        }
    }

    /** Appends a break: no line is drawn from the point before it to the point after it. */
    public void appendGap(long epochMillis) {
        if (size > 0 && Double.isNaN(values[arrayIndex(size - 1)])) {
            return; // one break is enough, however long the outage
        }
        append(epochMillis, Double.NaN);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int capacity() {
        return capacity;
    }

    /** The time of the {@code index}-th oldest point (0 is the oldest still held). */
    public long timeAt(int index) {
        return times[arrayIndex(index)];
    }

    /** The value of the {@code index}-th oldest point; {@code NaN} marks a gap. */
    public double valueAt(int index) {
        return values[arrayIndex(index)];
    }

    public long oldestTime() {
        return timeAt(0);
    }

    public long newestTime() {
        return timeAt(size - 1);
    }

    /** The value of the newest point, or {@code NaN} when empty. */
    public double newestValue() {
        return size == 0 ? Double.NaN : valueAt(size - 1);
    }

    /** The index of the first point at or after {@code epochMillis}, or {@link #size()} when there is none. */
    public int firstIndexAtOrAfter(long epochMillis) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (timeAt(middle) < epochMillis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Copies no data: hands the {@link Decimator} the raw arrays for one tight pass over a window. Logical index
     * {@code i} lives at array index {@code (head + i) % capacity}.
     */
    long[] timesArray() {
        return times;
    }

    double[] valuesArray() {
        return values;
    }

    int headArrayIndex() {
        return head;
    }

    /** The heap the two arrays take now, for the memory budget. */
    public long retainedArrayBytes() {
        return (long) times.length * Long.BYTES + (long) values.length * Double.BYTES;
    }

    private int arrayIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
        }
        int arrayIndex = head + index;
        return arrayIndex < capacity ? arrayIndex : arrayIndex - capacity;
    }

    private void grow() {
        int length = (int) Math.min(capacity, (long) times.length * 2);
        times = Arrays.copyOf(times, length);
        values = Arrays.copyOf(values, length);
    }
}
