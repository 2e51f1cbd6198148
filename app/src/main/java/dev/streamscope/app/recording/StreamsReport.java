package dev.streamscope.app.recording;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link StreamsSource} says at one moment.
 *
 * @param summary the summary's "streams" section; its fields are null where the source cannot say
 * @param overdue the rows of overdue-streams.csv: bridge rows, or per-socket bounds from channelz
 * @param errors why parts of {@code summary} are null or approximate; they go into the summary's errors
 */
public record StreamsReport(StreamsSummary summary, OverdueTable overdue, List<String> errors) {

    public StreamsReport {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(overdue, "overdue");
        errors = List.copyOf(errors);
    }

    /** Nothing known, for {@code reason}. */
    public static StreamsReport unavailable(String reason) {
        return new StreamsReport(
                StreamsSummary.UNKNOWN, new OverdueTable(List.of("reason"), List.of(List.of(reason))), List.of(reason));
    }

    /** True when at least one stream surely outlived its lifetime: the lower bound (or the exact count) is above 0. */
    public boolean overdueFound() {
        return summary.overdueMin() != null && summary.overdueMin() > 0;
    }
}
