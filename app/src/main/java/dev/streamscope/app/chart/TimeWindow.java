package dev.streamscope.app.chart;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** How much history a chart shows, ending now. */
public enum TimeWindow {
    FIVE_MINUTES("5m", "5 min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", "15 min", Duration.ofMinutes(15)),
    ONE_HOUR("1h", "1 h", Duration.ofHours(1)),
    /** Everything the store still holds. */
    ALL("all", "All", null);

    private final String id;
    private final String label;
    private final Duration length;

    TimeWindow(String id, String label, Duration length) {
        this.id = id;
        this.label = label;
        this.length = length;
    }

    /** How settings and the command line name it: "5m", "15m", "1h", "all". */
    public String id() {
        return id;
    }

    public static Optional<TimeWindow> fromId(String id) {
        return Arrays.stream(values())
                .filter(window -> window.id.equalsIgnoreCase(id))
                .findFirst();
    }

    public String label() {
        return label;
    }

    /**
     * Where the window starts.
     *
     * @param oldestEpochMillis the oldest time held, used by {@link #ALL}; {@code Long.MAX_VALUE} when nothing is held
     */
    public long startEpochMillis(long nowEpochMillis, long oldestEpochMillis) {
        if (length != null) {
            return nowEpochMillis - length.toMillis();
        }
        // with nothing held yet, "All" shows the shortest window rather than an empty range
        return oldestEpochMillis >= nowEpochMillis
                ? nowEpochMillis - FIVE_MINUTES.length.toMillis()
                : oldestEpochMillis;
    }

    /** The label, so the enum can be shown as is in a choice box. */
    @Override
    public String toString() {
        return label;
    }
}
