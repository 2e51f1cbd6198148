package dev.streamscope.app.chart;

import dev.streamscope.app.series.SeriesKeys;
import java.util.ArrayList;
import java.util.List;

/** The charts of a target's channelz service: what the gRPC library itself reports about its connections. */
public final class ChannelzCharts {

    public static final SeriesChartDefinition ENTITIES = new SeriesChartDefinition(
            "grpc-connections",
            "gRPC channels and sockets",
            Unit.COUNT,
            List.of(
                    SeriesPick.exact(SeriesKeys.GRPC_TOP_CHANNELS, "top channels"),
                    SeriesPick.exact(SeriesKeys.GRPC_SUBCHANNELS, "subchannels"),
                    SeriesPick.exact(SeriesKeys.GRPC_CLIENT_SOCKETS, "client sockets"),
                    SeriesPick.exact(SeriesKeys.GRPC_SERVER_SOCKETS, "server sockets")));

    public static final SeriesChartDefinition OPEN_STREAMS = new SeriesChartDefinition(
            "grpc-open-streams",
            "gRPC open streams (started − succeeded − failed)",
            Unit.COUNT,
            List.of(
                    SeriesPick.exact(SeriesKeys.GRPC_OPEN_STREAMS_CLIENT, "client side"),
                    SeriesPick.exact(SeriesKeys.GRPC_OPEN_STREAMS_SERVER, "server side")));

    public static final SeriesChartDefinition CALL_RATE = new SeriesChartDefinition(
            "grpc-calls",
            "gRPC calls per second",
            Unit.PER_SECOND,
            List.of(
                    SeriesPick.exact(SeriesKeys.GRPC_CALLS_STARTED_RATE, "started"),
                    SeriesPick.exact(SeriesKeys.GRPC_CALLS_FAILED_RATE, "failed")));

    private static final List<ChartDefinition> ALL = List.of(OPEN_STREAMS, ENTITIES, CALL_RATE);

    private ChannelzCharts() {}

    public static List<ChartDefinition> all() {
        return ALL;
    }

    /**
     * The charts a target shows, the leak story first: heap beside open streams, the leak signal beside the overdue
     * streams; then the rest of the JVM's, the connections and the stream details.
     */
    public static List<ChartDefinition> forTarget(boolean jvm, boolean channelz) {
        List<ChartDefinition> charts = new ArrayList<>();
        List<ChartDefinition> streams = StreamsCharts.forTarget(jvm, channelz);
        if (jvm && channelz) {
            charts.addAll(List.of(JvmCharts.HEAP, OPEN_STREAMS, JvmCharts.OLD_GEN_AFTER_GC, StreamsCharts.OVERDUE));
        } else if (jvm) {
            charts.addAll(List.of(JvmCharts.HEAP, JvmCharts.OLD_GEN_AFTER_GC));
        } else if (channelz) {
            charts.addAll(List.of(OPEN_STREAMS, StreamsCharts.OVERDUE));
        }
        if (jvm) {
            JvmCharts.all().stream().filter(chart -> !charts.contains(chart)).forEach(charts::add);
        }
        if (channelz) {
            ALL.stream().filter(chart -> !charts.contains(chart)).forEach(charts::add);
        }
        streams.stream().filter(chart -> !charts.contains(chart)).forEach(charts::add);
        return charts;
    }
}
