package dev.streamscope.app.series;

import dev.streamscope.app.jmx.gc.GcEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A bounded ring of garbage collections in arrival order; when full, each new event drops the oldest.
 *
 * <p>Every GC notification brings fresh copies of the same few strings (collector, action, cause), so the log keeps
 * one canonical copy of each: a day of young collections then costs the event records and not a day of strings.
 *
 * <p>Not thread-safe: owned by the same thread as its {@link SeriesStore}.
 */
public final class GcEventLog {

    /** A day of one collection a second. */
    public static final int DEFAULT_CAPACITY = 86_400;

    /** The distinct names a JVM uses are a few dozen; past this the canonical table stops growing. */
    private static final int MAX_CANONICAL_STRINGS = 1_024;

    private final GcEvent[] events;
    private final Map<String, String> canonical = new HashMap<>();
    private int head;
    private int size;

    public GcEventLog() {
        this(DEFAULT_CAPACITY);
    }

    public GcEventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.events = new GcEvent[capacity];
    }

    public void add(GcEvent event) {
        GcEvent stored = new GcEvent(
                event.endEpochMillis(),
                canonical(event.collector()),
                canonical(event.action()),
                canonical(event.cause()),
                event.durationMillis(),
                event.concurrent(),
                event.recoveredCount(),
                event.gcId(),
                event.oldGenAfterGcBytes());
        if (size < events.length) {
            events[(head + size) % events.length] = stored;
            size++;
        } else {
            events[head] = stored;
            head = (head + 1) % events.length;
        }
    }

    /** Drops the events that ended before {@code epochMillis}, oldest first: a watch keeps a rolling window. */
    public void dropBefore(long epochMillis) {
        while (size > 0 && events[head].endEpochMillis() < epochMillis) {
            events[head] = null;
            head = (head + 1) % events.length;
            size--;
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int capacity() {
        return events.length;
    }

    /** The {@code index}-th oldest event held (0 is the oldest). */
    public GcEvent get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + size + ")");
        }
        return events[(head + index) % events.length];
    }

    /** The earliest end time held (events may arrive slightly out of order), or {@code Long.MAX_VALUE} when empty. */
    public long oldestTime() {
        long oldest = Long.MAX_VALUE;
        for (int index = 0; index < size; index++) {
            oldest = Math.min(oldest, get(index).endEpochMillis());
        }
        return oldest;
    }

    /** Calls {@code action} with every event ending in [{@code fromEpochMillis}, {@code toEpochMillis}], oldest first. */
    public void forEachBetween(long fromEpochMillis, long toEpochMillis, Consumer<GcEvent> action) {
        for (int index = 0; index < size; index++) {
            GcEvent event = get(index);
            if (event.endEpochMillis() >= fromEpochMillis && event.endEpochMillis() <= toEpochMillis) {
                action.accept(event);
            }
        }
    }

    private String canonical(String value) {
        if (value == null) {
            return null;
        }
        String known = canonical.get(value);
        if (known != null) {
            return known;
        }
        if (canonical.size() < MAX_CANONICAL_STRINGS) {
            canonical.put(value, value);
        }
        return value;
    }
}
