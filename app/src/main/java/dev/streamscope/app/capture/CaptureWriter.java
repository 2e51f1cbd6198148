package dev.streamscope.app.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamscope.app.chart.ChartDefinition;
import dev.streamscope.app.chart.GcEventChartDefinition;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.chart.SeriesChartDefinition;
import dev.streamscope.app.chart.SeriesPick;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.chart.Unit;
import dev.streamscope.app.jmx.GcEvent;
import dev.streamscope.app.series.GcEventLog;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes a capture's files: one PNG and one CSV per chart (named by the chart's id), overdue-streams.csv and
 * summary.json. Every file appears whole or not at all (written beside its place, then moved atomically).
 *
 * <p>Folder rules: a missing folder is created; an empty one is used; one that already holds files is used only with
 * {@code force}, otherwise the capture goes into a new timestamped subfolder, so nothing is silently overwritten.
 *
 * <p>Call {@link #write} on the thread that owns the store and charts.
 */
public final class CaptureWriter {

    public static final String SUMMARY_FILE = "summary.json";
    public static final String OVERDUE_FILE = "overdue-streams.csv";

    /** File-name safe (no colons). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CaptureWriter() {}

    /**
     * The folder a capture writes into, created if missing: {@code requested} itself when missing, empty or
     * {@code force}d, else a new subfolder {@code capture-<local time>} in it.
     *
     * @throws IOException when the folder cannot be created or is a file; the message names it
     */
    public static Path prepareFolder(Path requested, boolean force, Instant now) throws IOException {
        Path folder = requested.toAbsolutePath();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException(folder + " is a file, not a folder; give --out a folder");
        }
        Files.createDirectories(folder);
        if (force || isEmpty(folder)) {
            checkWritable(folder);
            return folder;
        }
        String base = "capture-" + PngExporter.fileTime(now);
        for (int attempt = 1; ; attempt++) {
            Path candidate = folder.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                Files.createDirectory(candidate); // atomic: two captures starting together get different folders
                return candidate;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    /**
     * Writes everything into {@code folder}; charts are refreshed to the whole capture first.
     *
     * @return the files written
     */
    public static List<Path> write(
            Path folder,
            List<LiveChart> charts,
            SeriesStore store,
            long endEpochMillis,
            StreamsReport streams,
            Summary summary)
            throws IOException {
        // ImageIO's default file cache registers a shutdown hook per stream, which fails while the JVM is shutting
        // down, exactly when Ctrl+C makes us write; the images are small enough to encode in memory
        ImageIO.setUseCache(false);
        List<Path> written = new ArrayList<>();
        for (LiveChart chart : charts) {
            chart.refresh(TimeWindow.ALL, endEpochMillis, PngExporter.DEFAULT_WIDTH);
            Path png = folder.resolve(chart.id() + ".png");
            PngExporter.write(chart.chart(), png, PngExporter.DEFAULT_WIDTH, PngExporter.DEFAULT_HEIGHT);
            written.add(png);
            Path csv = folder.resolve(chart.id() + ".csv");
            writeText(csv, csv(chart.definition(), store));
            written.add(csv);
        }
        Path overdue = folder.resolve(OVERDUE_FILE);
        writeText(overdue, csv(streams.overdue().header(), streams.overdue().rows()));
        written.add(overdue);
        Path summaryFile = folder.resolve(SUMMARY_FILE);
        writeText(summaryFile, JSON.writeValueAsString(summary) + "\n");
        written.add(summaryFile);
        return written;
    }

    /** The chart's data as CSV: one row per time any of its series has a point; a gap or a missing point is empty. */
    static String csv(ChartDefinition definition, SeriesStore store) {
        if (definition instanceof GcEventChartDefinition events) {
            return gcEventsCsv(events, store.gcEvents());
        }
        SeriesChartDefinition lines = (SeriesChartDefinition) definition;
        List<String> keys = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("time (ISO-8601 UTC)", "epochMillis (ms)"));
        String unit = storedUnit(lines.unit());
        for (SeriesPick pick : lines.picks()) {
            List<String> matching = pick.prefix()
                    ? store.keysStartingWith(pick.key())
                    : store.find(pick.key()).map(buffer -> List.of(pick.key())).orElse(List.of());
            for (String key : matching) {
                String label = pick.prefix() ? SeriesKeys.nameAfter(pick.key(), key) + pick.label() : pick.label();
                keys.add(key);
                header.add(label + " (" + unit + ")");
            }
        }
        Map<Long, String[]> rows = new TreeMap<>();
        for (int column = 0; column < keys.size(); column++) {
            TimeSeriesBuffer buffer = store.find(keys.get(column)).orElseThrow();
            for (int index = 0; index < buffer.size(); index++) {
                double value = buffer.valueAt(index);
                String[] row = rows.computeIfAbsent(buffer.timeAt(index), time -> new String[keys.size()]);
                row[column] = Double.isNaN(value) ? "" : number(value);
            }
        }
        List<List<String>> table = new ArrayList<>();
        rows.forEach((time, values) -> {
            List<String> row =
                    new ArrayList<>(List.of(Instant.ofEpochMilli(time).toString(), Long.toString(time)));
            for (String value : values) {
                row.add(value == null ? "" : value);
            }
            table.add(row);
        });
        return csv(header, table);
    }

    private static String gcEventsCsv(GcEventChartDefinition definition, GcEventLog log) {
        List<String> header = List.of(
                "time (ISO-8601 UTC)",
                "epochMillis (ms)",
                "collector",
                "action",
                "cause",
                "durationMillis (ms)",
                "collections (count)",
                "gcId",
                "oldGenAfterGcBytes (bytes)");
        List<List<String>> table = new ArrayList<>();
        for (int index = 0; index < log.size(); index++) {
            GcEvent event = log.get(index);
            if (event.concurrent() != definition.concurrent()) {
                continue;
            }
            table.add(List.of(
                    Instant.ofEpochMilli(event.endEpochMillis()).toString(),
                    Long.toString(event.endEpochMillis()),
                    String.valueOf(event.collector()),
                    String.valueOf(event.action()),
                    String.valueOf(event.cause()),
                    Long.toString(event.durationMillis()),
                    Integer.toString(event.recovered() ? event.recoveredCount() : 1),
                    Long.toString(event.gcId()),
                    event.oldGenAfterGcBytes() < 0 ? "" : Long.toString(event.oldGenAfterGcBytes())));
        }
        return csv(header, table);
    }

    /** The unit the store holds for a chart's unit: CSVs keep the stored values, exact, not the axis's MiB. */
    private static String storedUnit(Unit unit) {
        return switch (unit) {
            case MEBIBYTES -> "bytes";
            case MILLISECONDS -> "ms";
            case PERCENT -> "%";
            case COUNT -> "count";
            case PER_SECOND -> "per s";
            case SECONDS -> "ms";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        appendRow(text, header);
        rows.forEach(row -> appendRow(text, row));
        return text.toString();
    }

    private static void appendRow(StringBuilder text, List<String> cells) {
        for (int index = 0; index < cells.size(); index++) {
            if (index > 0) {
                text.append(',');
            }
            String cell = cells.get(index);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0) {
                text.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                text.append(cell);
            }
        }
        text.append('\n');
    }

    private static void writeText(Path file, String content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                out.write(content);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void checkWritable(Path folder) throws IOException {
        if (!Files.isWritable(folder)) {
            throw new IOException(folder + " is not writable; give --out a folder you can write to");
        }
    }
}
