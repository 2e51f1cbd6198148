package dev.streamscope.app.series;

/**
 * A bounded ring of (epoch millis, value) points for one metric, kept in primitive arrays so that a day of history
 * costs 16 bytes a point and no objects. When full, each new point overwrites the oldest.
 *
 * <p>The arrays are chunks of {@value #CHUNK_POINTS} points, allocated as the ring fills: a short session pays only for
 * what it holds, growing never copies, and no array is large enough to be a G1 "humongous" object (a whole heap region
 * each; with 1 MiB regions, one-piece day-long arrays measured 40 MiB for a day instead of 27 MiB).
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

    /** 64 KiB per chunk array: well under half of G1's smallest region (1 MiB), so never humongous. */
    static final int CHUNK_POINTS = 8_192;

    private static final int CHUNK_SHIFT = 13;
    private static final int CHUNK_MASK = CHUNK_POINTS - 1;

    private final int capacity;
    private final long[][] timeChunks;
    private final double[][] valueChunks;
    /** Slot of the oldest point. Stays 0 until the ring is full or {@link #dropBefore} drops points. */
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
        int chunks = (capacity + CHUNK_POINTS - 1) >>> CHUNK_SHIFT;
        this.timeChunks = new long[chunks][];
        this.valueChunks = new double[chunks][];
    }

    /** Appends a point, dropping the oldest when the buffer is full. */
    public void append(long epochMillis, double value) {
        if (size > 0) {
            epochMillis = Math.max(epochMillis, newestTime());
        }
        int slot;
        if (size < capacity) {
            slot = slotUnchecked(size); // size itself until the first dropBefore moves the head
            size++;
            if (timeChunks[slot >>> CHUNK_SHIFT] == null) {
                allocateChunk(slot >>> CHUNK_SHIFT);
            }
        } else {
            slot = head;
            head = head + 1 == capacity ? 0 : head + 1;
        }
        timeChunks[slot >>> CHUNK_SHIFT][slot & CHUNK_MASK] = epochMillis;
        valueChunks[slot >>> CHUNK_SHIFT][slot & CHUNK_MASK] = value;
    }

    /** Appends a break: no line is drawn from the point before it to the point after it. */
    public void appendGap(long epochMillis) {
        if (size > 0 && Double.isNaN(newestValue())) {
            return; // one break is enough, however long the outage
        }
        append(epochMillis, Double.NaN);
    }

    /**
     * Drops the points older than {@code epochMillis}: a watch keeps a rolling window of history. Keeps the chunks
     * allocated; the ring reuses them.
     */
    public void dropBefore(long epochMillis) {
        int drop = firstIndexAtOrAfter(epochMillis);
        if (drop == 0) {
            return;
        }
        head = drop == size ? 0 : slotUnchecked(drop);
        size -= drop;
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
        return timeAtSlot(slot(index));
    }

    /** The value of the {@code index}-th oldest point; {@code NaN} marks a gap. */
    public double valueAt(int index) {
        return valueAtSlot(slot(index));
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

    /** The heap the point arrays take now (array headers excluded), for the memory budget. */
    public long retainedArrayBytes() {
        long bytes = 0;
        for (long[] chunk : timeChunks) {
            bytes += chunk == null ? 0 : (long) chunk.length * (Long.BYTES + Double.BYTES);
        }
        return bytes;
    }

    /** The storage slot of an index that is known to be held: for the {@link Decimator}'s tight loop. */
    int slotUnchecked(int index) {
        int slot = head + index;
        return slot < capacity ? slot : slot - capacity;
    }

    /** The chunk holding {@code slot}; its index inside is {@code slot & (CHUNK_POINTS - 1)}. */
    long[] timeChunk(int slot) {
        return timeChunks[slot >>> CHUNK_SHIFT];
    }

    double[] valueChunk(int slot) {
        return valueChunks[slot >>> CHUNK_SHIFT];
    }

    long timeAtSlot(int slot) {
        return timeChunks[slot >>> CHUNK_SHIFT][slot & CHUNK_MASK];
    }

    double valueAtSlot(int slot) {
        return valueChunks[slot >>> CHUNK_SHIFT][slot & CHUNK_MASK];
    }

    private int slot(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
        }
        return slotUnchecked(index);
    }

    private void allocateChunk(int chunk) {
        int length = Math.min(CHUNK_POINTS, capacity - (chunk << CHUNK_SHIFT));
        timeChunks[chunk] = new long[length];
        valueChunks[chunk] = new double[length];
    }
}
