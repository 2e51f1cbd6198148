package dev.streamscope.app.lifetime;

import java.util.List;

/**
 * Open streams by method, for the chart: the busiest few methods and the rest as "other".
 *
 * @param top the methods with most open streams, most first (ties by name)
 * @param other open streams of every other method
 * @param countedAmongOldestOnly true when the counts come from the oldest rows only (the bridge publishes no
 *     per-method totals), so they cover {@code counted} of {@code open} streams; label the chart so
 * @param counted how many streams the counts cover
 */
public record OpenByMethod(List<MethodCount> top, long other, boolean countedAmongOldestOnly, long counted) {

    /** Label of the bucket that holds every method outside {@link #top()}. */
    public static final String OTHER = "other";

    public OpenByMethod {
        top = List.copyOf(top);
    }

    /** One method's open streams. */
    public record MethodCount(String method, long open) {}
}
