package dev.streamscope.app.recording;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link StreamsSource} says at one moment.
 *
 * @param summary the summary's "streams" section; its fields are null where the source cannot say
 * @param overdue the rows of overdue-streams.csv: bridge rows, or per-socket bounds from channelz
 * @param errors why parts of {@code summary} are null or approximate; they go into the summary's errors
 * @param bySite the rows of streams-by-site.csv: one per creation-site group, or the reason there are none
 */
public record StreamsReport(StreamsSummary summary, OverdueTable overdue, List<String> errors, OverdueTable bySite) {

    public StreamsReport {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(overdue, "overdue");
        Objects.requireNonNull(bySite, "bySite");
        errors = List.copyOf(errors);
    }

    /** A report without creation sites: streams-by-site.csv gives the summary's reason. */
    public StreamsReport(StreamsSummary summary, OverdueTable overdue, List<String> errors) {
        this(summary, overdue, errors, reasonTable(summary.sitesReason()));
    }

    static OverdueTable reasonTable(String reason) {
        return new OverdueTable(List.of("reason"), List.of(List.of(reason == null ? "" : reason)));
    }

    /** Nothing known, for {@code reason}. */
    public static StreamsReport unavailable(String reason) {
        return new StreamsReport(StreamsSummary.UNKNOWN, reasonTable(reason), List.of(reason));
    }

    /** True when at least one stream surely outlived its lifetime: the lower bound (or the exact count) is above 0. */
    public boolean overdueFound() {
        return summary.overdueMin() != null && summary.overdueMin() > 0;
    }
}
