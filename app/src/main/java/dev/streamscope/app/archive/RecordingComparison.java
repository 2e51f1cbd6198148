package dev.streamscope.app.archive;

import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.series.GcEventLog;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Two recordings side by side, the before/after table of a fix: heap, live set, GC, threads, CPU, streams and calls.
 * Every row is computed from the recordings' own series and events; a row a recording cannot supply says why.
 */
public final class RecordingComparison {

    /** A value, a range (overdue streams from channelz bounds), or nothing with the reason. */
    public record Measure(Double low, Double high, String missing) {

        static Measure of(double value) {
            return new Measure(value, value, null);
        }

        static Measure range(double low, double high) {
            return new Measure(low, high, null);
        }

        static Measure none(String why) {
            return new Measure(null, null, why);
        }

        public boolean present() {
            return missing == null;
        }

        public boolean exact() {
            return present() && low.equals(high);
        }
    }

    /** One line of the table; {@code changePercent} is null where either side is missing, a range, or zero before. */
    public record Row(String name, String unit, Measure before, Measure after, Double changePercent) {

        public String beforeText() {
            return text(before, unit);
        }

        public String afterText() {
            return text(after, unit);
        }

        public String changeText() {
            return changePercent == null ? "—" : String.format(Locale.ROOT, "%+.1f %%", changePercent);
        }
    }

    private record Metric(String name, String unit, Function<SavedRecording, Measure> measure) {}

    private static final double MIB = SizeText.BYTES_PER_MEBIBYTE;

    private static final List<Metric> METRICS = List.of(
            new Metric("heap used, p50", "MiB", r -> percentile(r.store(), SeriesKeys.HEAP_USED, 0.5, MIB)),
            new Metric("heap used, max", "MiB", r -> extreme(r.store(), SeriesKeys.HEAP_USED, MIB)),
            new Metric("old generation after GC, first", "MiB", r -> end(r.store(), true)),
            new Metric("old generation after GC, last", "MiB", r -> end(r.store(), false)),
            new Metric("GC pause, p99", "ms", r -> pauses(r.store().gcEvents(), true)),
            new Metric("GC pause time, total", "ms", r -> pauses(r.store().gcEvents(), false)),
            new Metric("threads, max", "", r -> extreme(r.store(), SeriesKeys.THREADS_LIVE, 1)),
            new Metric("process CPU, mean", "%", r -> mean(r.store(), SeriesKeys.CPU_PROCESS)),
            new Metric("open streams, max", "", r -> openStreams(r.store(), true)),
            new Metric("open streams, last", "", r -> openStreams(r.store(), false)),
            new Metric("overdue streams, last", "", r -> overdue(r.store())),
            new Metric("calls per second, mean", "/s", r -> mean(r.store(), SeriesKeys.GRPC_CALLS_STARTED_RATE)));

    private RecordingComparison() {}

    public static List<Row> compare(SavedRecording before, SavedRecording after) {
        List<Row> rows = new ArrayList<>();
        for (Metric metric : METRICS) {
            Measure was = metric.measure().apply(before);
            Measure is = metric.measure().apply(after);
            Double change = was.exact() && is.exact() && was.low() != 0
                    ? (is.low() - was.low()) / Math.abs(was.low()) * 100.0
                    : null;
            rows.add(new Row(metric.name(), metric.unit(), was, is, change));
        }
        return rows;
    }

    /** A plain table for a terminal. */
    public static String table(SavedRecording before, SavedRecording after, List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"", "before", "after", "change"});
        for (Row row : rows) {
            lines.add(new String[] {row.name(), row.beforeText(), row.afterText(), row.changeText()});
        }
        int[] widths = new int[4];
        for (String[] line : lines) {
            for (int column = 0; column < 4; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("before: ").append(before.describe()).append('\n');
        text.append("after:  ").append(after.describe()).append('\n');
        for (String[] line : lines) {
            text.append(String.format(
                            "%-" + widths[0] + "s  %" + widths[1] + "s  %" + widths[2] + "s  %" + widths[3] + "s",
                            (Object[]) line)
                    .stripTrailing());
            text.append('\n');
        }
        rows.stream()
                .filter(row -> !row.before().present() || !row.after().present())
                .forEach(row -> text.append("— ")
                        .append(row.name())
                        .append(": ")
                        .append(
                                row.before().present()
                                        ? "after " + row.after().missing()
                                        : "before " + row.before().missing())
                        .append('\n'));
        return text.toString();
    }

    public static String markdown(SavedRecording before, SavedRecording after, List<Row> rows) {
        StringBuilder text = new StringBuilder("# StreamScope comparison\n\n");
        text.append("- before: ")
                .append(before.describe())
                .append(" (`")
                .append(before.folder())
                .append("`)\n");
        text.append("- after: ")
                .append(after.describe())
                .append(" (`")
                .append(after.folder())
                .append("`)\n\n");
        text.append("| | before | after | change |\n|---|---:|---:|---:|\n");
        for (Row row : rows) {
            text.append("| ")
                    .append(row.name())
                    .append(" | ")
                    .append(row.beforeText())
                    .append(" | ")
                    .append(row.afterText())
                    .append(" | ")
                    .append(row.changeText())
                    .append(" |\n");
        }
        return text.toString();
    }

    public static String json(SavedRecording before, SavedRecording after, List<Row> rows) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("before", before.folder().toString());
        root.put("after", after.folder().toString());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", row.name());
            line.put("unit", row.unit());
            line.put("before", measureJson(row.before()));
            line.put("after", measureJson(row.after()));
            line.put("changePercent", row.changePercent());
            out.add(line);
        }
        root.put("rows", out);
        return RecordingJson.GSON.toJson(root) + "\n";
    }

    private static Object measureJson(Measure measure) {
        Map<String, Object> value = new LinkedHashMap<>();
        if (!measure.present()) {
            value.put("missing", measure.missing());
        } else if (measure.exact()) {
            value.put("value", measure.low());
        } else {
            value.put("min", measure.low());
            value.put("max", measure.high());
        }
        return value;
    }

    private static String text(Measure measure, String unit) {
        if (!measure.present()) {
            return "n/a";
        }
        String suffix = unit.isEmpty() || unit.startsWith("/") ? unit : " " + unit;
        return measure.exact()
                ? number(measure.low()) + suffix
                : number(measure.low()) + " to " + number(measure.high()) + suffix;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static double[] values(SeriesStore store, String key) {
        TimeSeriesBuffer buffer = store.find(key).orElse(null);
        if (buffer == null) {
            return new double[0];
        }
        double[] values = new double[buffer.size()];
        int count = 0;
        for (int index = 0; index < buffer.size(); index++) {
            double value = buffer.valueAt(index);
            if (!Double.isNaN(value)) {
                values[count++] = value;
            }
        }
        return Arrays.copyOf(values, count);
    }

    private static Measure percentile(SeriesStore store, String key, double share, double scale) {
        double[] values = values(store, key);
        if (values.length == 0) {
            return Measure.none(noSeries(key));
        }
        Arrays.sort(values);
        return Measure.of(values[Summaries.nearestRank(values.length, share) - 1] / scale);
    }

    private static Measure extreme(SeriesStore store, String key, double scale) {
        double[] values = values(store, key);
        return values.length == 0
                ? Measure.none(noSeries(key))
                : Measure.of(Arrays.stream(values).max().orElseThrow() / scale);
    }

    private static Measure mean(SeriesStore store, String key) {
        double[] values = values(store, key);
        return values.length == 0
                ? Measure.none(noSeries(key))
                : Measure.of(Arrays.stream(values).average().orElseThrow());
    }

    private static Measure end(SeriesStore store, boolean first) {
        double[] values = values(store, SeriesKeys.OLD_GEN_USED_AFTER_GC);
        if (values.length == 0) {
            return Measure.none("no collection reported the old generation's usage");
        }
        return Measure.of(values[first ? 0 : values.length - 1] / MIB);
    }

    private static Measure pauses(GcEventLog log, boolean p99) {
        List<Long> pauses = new ArrayList<>();
        long total = 0;
        for (int index = 0; index < log.size(); index++) {
            GcEvent event = log.get(index);
            if (!event.concurrent()) {
                total += event.durationMillis();
                if (!event.recovered()) {
                    pauses.add(event.durationMillis());
                }
            }
        }
        if (!p99) {
            return log.isEmpty() ? Measure.none("no GC events (no JMX, or no collection)") : Measure.of(total);
        }
        if (pauses.isEmpty()) {
            return Measure.none("no single pause was seen");
        }
        pauses.sort(null);
        return Measure.of(pauses.get(Summaries.nearestRank(pauses.size(), 0.99) - 1));
    }

    /** The bridge's count where the recording has it, else channelz's client plus server sides. */
    private static Measure openStreams(SeriesStore store, boolean max) {
        double[] bridge = values(store, SeriesKeys.STREAMS_OPEN);
        if (bridge.length > 0) {
            return Measure.of(max ? Arrays.stream(bridge).max().orElseThrow() : bridge[bridge.length - 1]);
        }
        double[] client = values(store, SeriesKeys.GRPC_OPEN_STREAMS_CLIENT);
        double[] server = values(store, SeriesKeys.GRPC_OPEN_STREAMS_SERVER);
        if (client.length == 0 || server.length == 0) {
            return Measure.none("neither the jmx-bridge nor channelz counted open streams");
        }
        // both sides are appended together by each refresh, so the same index is the same refresh
        int count = Math.min(client.length, server.length);
        double best = 0;
        for (int index = 0; index < count; index++) {
            best = Math.max(best, client[index] + server[index]);
        }
        return Measure.of(max ? best : client[count - 1] + server[count - 1]);
    }

    private static Measure overdue(SeriesStore store) {
        double[] low = values(store, SeriesKeys.STREAMS_OVERDUE_AT_LEAST);
        double[] high = values(store, SeriesKeys.STREAMS_OVERDUE_AT_MOST);
        if (low.length == 0 || high.length == 0) {
            return Measure.none("no stream ages (no jmx-bridge and no channelz)");
        }
        return Measure.range(low[low.length - 1], high[high.length - 1]);
    }

    private static String noSeries(String key) {
        return "the recording has no " + key + " series";
    }
}
