package dev.streamscope.app.series;

import dev.streamscope.app.jmx.gc.GcEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The charted history of one target: one {@link TimeSeriesBuffer} per metric, created the first time a metric is
 * appended, and a {@link GcEventLog}. Memory is bounded by construction: at most {@link #maxSeries()} series of at most
 * {@link #seriesCapacity()} points each, plus the bounded event log.
 *
 * <p>Not thread-safe: one thread writes it (a live recording's), and a reader on another thread goes through that
 * recording's lock, which the FX thread only tries, so drawing never waits for sampling.
 */
public final class SeriesStore {

    /** Far more than a JVM produces (about 25 series); the bound only guards against a target with endless pools. */
    public static final int DEFAULT_MAX_SERIES = 128;

    /** A rolling store holds at least this many points a series, however short its window. */
    private static final int MIN_ROLLING_POINTS = 64;

    private final int seriesCapacity;
    private final int maxSeries;
    private final Map<String, TimeSeriesBuffer> series = new LinkedHashMap<>();
    private final GcEventLog gcEvents;
    private long droppedAppends;

    public SeriesStore() {
        this(TimeSeriesBuffer.DEFAULT_CAPACITY, DEFAULT_MAX_SERIES, GcEventLog.DEFAULT_CAPACITY);
    }

    public SeriesStore(int seriesCapacity, int maxSeries, int gcEventCapacity) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, was " + maxSeries);
        }
        new TimeSeriesBuffer(seriesCapacity); // validates the capacity before the first series needs it
        this.seriesCapacity = seriesCapacity;
        this.maxSeries = maxSeries;
        this.gcEvents = new GcEventLog(gcEventCapacity);
    }

    /**
     * Appends a point to the series {@code key}, creating the series on first use.
     *
     * @return false when the series did not exist and the store already holds {@link #maxSeries()} series; the point is
     *     dropped and counted in {@link #droppedAppends()}
     */
    public boolean append(String key, long epochMillis, double value) {
        TimeSeriesBuffer buffer = series.get(key);
        if (buffer == null) {
            if (series.size() >= maxSeries) {
                droppedAppends++;
                return false;
            }
            buffer = new TimeSeriesBuffer(seriesCapacity);
            series.put(key, buffer);
        }
        buffer.append(epochMillis, value);
        return true;
    }

    /** Records an outage: every series gets a break at {@code epochMillis}, so no chart draws a line across it. */
    public void markGap(long epochMillis) {
        for (TimeSeriesBuffer buffer : series.values()) {
            buffer.appendGap(epochMillis);
        }
    }

    /** Breaks the lines of the series whose keys start with {@code prefix} at {@code epochMillis}: one source's outage. */
    public void markGapStartingWith(long epochMillis, String prefix) {
        series.forEach((key, buffer) -> {
            if (key.startsWith(prefix)) {
                buffer.appendGap(epochMillis);
            }
        });
    }

    /**
     * A store for a watch that keeps {@code keep} of history polled every {@code interval}: rings sized for that (a
     * quarter more, for polls that come early), never more than the default day, trimmed with {@link #dropBefore}.
     */
    public static SeriesStore rolling(Duration keep, Duration interval) {
        long points = keep.toMillis() / Math.max(1, interval.toMillis());
        int capacity = (int) Math.min(TimeSeriesBuffer.DEFAULT_CAPACITY, points + points / 4 + MIN_ROLLING_POINTS);
        int gcEvents = (int) Math.min(GcEventLog.DEFAULT_CAPACITY, keep.toSeconds() + MIN_ROLLING_POINTS);
        return new SeriesStore(capacity, DEFAULT_MAX_SERIES, gcEvents);
    }

    /** Drops every point and GC event older than {@code epochMillis}: what a watch no longer keeps. */
    public void dropBefore(long epochMillis) {
        for (TimeSeriesBuffer buffer : series.values()) {
            buffer.dropBefore(epochMillis);
        }
        gcEvents.dropBefore(epochMillis);
    }

    public void addGcEvent(GcEvent event) {
        gcEvents.add(event);
    }

    public Optional<TimeSeriesBuffer> find(String key) {
        return Optional.ofNullable(series.get(key));
    }

    /** Every series key, in the order the series were created (stable, so chart colours stay put). */
    public List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(series.keySet()));
    }

    /** The keys starting with {@code prefix}, in creation order. */
    public List<String> keysStartingWith(String prefix) {
        List<String> matching = new ArrayList<>();
        for (String key : series.keySet()) {
            if (key.startsWith(prefix)) {
                matching.add(key);
            }
        }
        return matching;
    }

    public GcEventLog gcEvents() {
        return gcEvents;
    }

    /** The oldest time held by any series or the event log, or {@code Long.MAX_VALUE} when the store is empty. */
    public long oldestTime() {
        long oldest = gcEvents.isEmpty() ? Long.MAX_VALUE : gcEvents.oldestTime();
        for (TimeSeriesBuffer buffer : series.values()) {
            if (!buffer.isEmpty()) {
                oldest = Math.min(oldest, buffer.oldestTime());
            }
        }
        return oldest;
    }

    public int seriesCount() {
        return series.size();
    }

    public int maxSeries() {
        return maxSeries;
    }

    public int seriesCapacity() {
        return seriesCapacity;
    }

    /** Points dropped because they would have created a series beyond {@link #maxSeries()}. */
    public long droppedAppends() {
        return droppedAppends;
    }

    /** The heap held by the series arrays now (headers excluded), for the memory budget. */
    public long retainedArrayBytes() {
        long bytes = 0;
        for (TimeSeriesBuffer buffer : series.values()) {
            bytes += buffer.retainedArrayBytes();
        }
        return bytes;
    }
}
