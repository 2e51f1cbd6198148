package dev.streamscope.app.chart;

import dev.streamscope.app.series.SeriesKeys;
import java.util.List;

/** The stream-lifetime charts: what the jmx-bridge reports, or what channelz counters bound. */
public final class StreamsCharts {

    public static final SeriesChartDefinition OVERDUE = new SeriesChartDefinition(
            "streams-overdue",
            "Overdue streams (older than their lifetime)",
            Unit.COUNT,
            List.of(
                    SeriesPick.exact(SeriesKeys.STREAMS_OVERDUE_AT_LEAST, "at least"),
                    SeriesPick.exact(SeriesKeys.STREAMS_OVERDUE_AT_MOST, "at most")));

    public static final SeriesChartDefinition BY_METHOD = new SeriesChartDefinition(
            "streams-by-method",
            "Open streams by method (jmx-bridge)",
            Unit.COUNT,
            List.of(SeriesPick.startingWith(SeriesKeys.STREAMS_BY_METHOD_PREFIX, "")));

    public static final SeriesChartDefinition AGES = new SeriesChartDefinition(
            "streams-ages",
            "Stream ages (jmx-bridge)",
            Unit.SECONDS,
            List.of(
                    SeriesPick.exact(SeriesKeys.STREAMS_OLDEST_AGE, "oldest open stream"),
                    SeriesPick.exact(SeriesKeys.STREAMS_MEAN_LIFETIME, "mean lifetime of ended streams")));

    private StreamsCharts() {}

    /** With a JVM the bridge may report everything; from channelz alone only the overdue bounds exist. */
    public static List<ChartDefinition> forTarget(boolean jvm, boolean channelz) {
        if (jvm) {
            return List.of(OVERDUE, BY_METHOD, AGES);
        }
        return channelz ? List.of(OVERDUE) : List.of();
    }
}
