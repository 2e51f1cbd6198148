package dev.streamscope.app.archive;

import dev.streamscope.app.chart.ChartDefinition;
import dev.streamscope.app.chart.GcEventChartDefinition;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.chart.SeriesChartDefinition;
import dev.streamscope.app.chart.SeriesPick;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.chart.Unit;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.recording.HistogramPair;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsReport;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.series.GcEventLog;
import dev.streamscope.app.series.SeriesKeys;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.series.TimeSeriesBuffer;
import dev.streamscope.app.threads.ThreadDumpText;
import dev.streamscope.app.threads.ThreadReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes a recording folder: one PNG and one CSV per chart that has data (named by the chart's id), the series and GC
 * events in full, the last stream view and channelz tree, overdue-streams.csv, the class histograms when some were
 * taken, and summary.json. The same for a headless capture and a recording saved from the window.
 *
 * <p>Two steps, because the charts and the store belong to one thread (the FX thread in the window): {@link #prepare}
 * on that thread draws the charts and formats every text; {@link Prepared#writeInto} encodes and writes, on any thread.
 * Every file appears whole or not at all (written beside its place, then moved atomically).
 */
public final class RecordingWriter {

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
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    /** A recording ready to be written: drawn charts and formatted texts, by file name, in writing order. */
    public record Prepared(Map<String, BufferedImage> images, Map<String, String> texts, Summary summary) {

        public Prepared {
            images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
            texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        }

        /** Writes every file into {@code folder}, summary.json last: a folder with a summary is complete. */
        public List<Path> writeInto(Path folder) throws IOException {
            // ImageIO's default file cache registers a shutdown hook per stream, which fails while the JVM is
            // shutting down, exactly when Ctrl+C makes a capture write; the images are small enough for memory
            ImageIO.setUseCache(false);
            List<Path> written = new ArrayList<>();
            for (Map.Entry<String, BufferedImage> image : images.entrySet()) {
                Path png = folder.resolve(image.getKey());
                PngExporter.writeImage(image.getValue(), png);
                written.add(png);
            }
            for (Map.Entry<String, String> text : texts.entrySet()) {
                Path file = folder.resolve(text.getKey());
                writeText(file, text.getValue());
                written.add(file);
            }
            Path summaryFile = folder.resolve(RecordingFiles.SUMMARY);
            writeText(summaryFile, RecordingJson.GSON.toJson(summary) + "\n");
            written.add(summaryFile);
            return written;
        }

        /**
         * Writes into a new folder {@code name} (or {@code name-2}, …) inside {@code parent}, never over an earlier
         * one: everything goes into a hidden folder first, which is then renamed in one step.
         *
         * @return the folder written
         */
        public Path writeNew(Path parent, String name) throws IOException {
            Path absolute = parent.toAbsolutePath();
            Files.createDirectories(absolute);
            Path partial = Files.createTempDirectory(absolute, "." + name + "-");
            try {
                writeInto(partial);
                for (int attempt = 1; ; attempt++) {
                    Path target = absolute.resolve(attempt == 1 ? name : name + "-" + attempt);
                    if (Files.exists(target)) {
                        continue;
                    }
                    try {
                        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException taken) {
                        // created meanwhile: try the next suffix
                    }
                }
            } catch (IOException | RuntimeException e) {
                deleteTree(partial);
                throw e;
            }
        }
    }

    /**
     * Draws and formats a recording on the thread that owns {@code recorder} and {@code charts}; charts are refreshed
     * to the whole recording first. A chart with no data is left out, and {@code summary} says so.
     */
    public static Prepared prepare(
            Recorder recorder, List<LiveChart> charts, long endEpochMillis, StreamsReport streams, Summary summary) {
        return prepare(recorder, charts, endEpochMillis, streams, summary, null);
    }

    /**
     * As {@link #prepare(Recorder, List, long, StreamsReport, Summary)}, plus the class histograms that were taken as
     * histogram-start.csv and histogram-end.csv.
     *
     * @param histograms null when none were asked for
     */
    public static Prepared prepare(
            Recorder recorder,
            List<LiveChart> charts,
            long endEpochMillis,
            StreamsReport streams,
            Summary summary,
            HistogramPair histograms) {
        SeriesStore store = recorder.store();
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (LiveChart chart : charts) {
            if (!chart.hasData()) {
                summary = summary.withError(chart.id() + ".png, " + chart.id() + ".csv: left out, the recording has no"
                        + " data for \"" + chart.chart().getTitle().getText() + "\"");
                continue;
            }
            chart.refresh(TimeWindow.ALL, endEpochMillis, PngExporter.DEFAULT_WIDTH);
            images.put(
                    chart.id() + ".png",
                    PngExporter.render(chart.chart(), PngExporter.DEFAULT_WIDTH, PngExporter.DEFAULT_HEIGHT));
            texts.put(chart.id() + ".csv", csv(chart.definition(), store));
        }
        texts.put(
                RecordingFiles.OVERDUE,
                csv(streams.overdue().header(), streams.overdue().rows()));
        texts.put(
                RecordingFiles.BY_SITE,
                csv(streams.bySite().header(), streams.bySite().rows()));
        texts.put(RecordingFiles.SERIES, seriesCsv(store));
        texts.put(RecordingFiles.GC_EVENTS, gcEventsCsv(store.gcEvents(), null));
        texts.put(RecordingFiles.STREAMS, RecordingJson.GSON.toJson(recorder.streams()) + "\n");
        if (recorder.lastSnapshot() != null) {
            texts.put(RecordingFiles.CHANNELZ, RecordingJson.GSON.toJson(recorder.lastSnapshot()) + "\n");
        }
        ThreadReport threads = recorder.threads();
        if (threads.lastDump() != null) {
            texts.put(RecordingFiles.THREADS_END, ThreadDumpText.format(threads.lastDump()));
        }
        if (threads.samples() > 0 || !threads.all().isEmpty()) {
            texts.put(RecordingFiles.THREADS, RecordingJson.GSON.toJson(ThreadsFile.of(threads)) + "\n");
        }
        if (histograms != null && histograms.start() != null) {
            texts.put(RecordingFiles.HISTOGRAM_START, HistogramCsv.render(histograms.start()));
        }
        if (histograms != null && histograms.end() != null) {
            texts.put(RecordingFiles.HISTOGRAM_END, HistogramCsv.render(histograms.end()));
        }
        return new Prepared(images, texts, summary);
    }

    /** Every point of every series, long form: the window reads it back into a store. */
    static String seriesCsv(SeriesStore store) {
        StringBuilder text = new StringBuilder("key,epochMillis,value\n");
        for (String key : store.keys()) {
            TimeSeriesBuffer buffer = store.find(key).orElseThrow();
            String cell = csvCell(key);
            for (int index = 0; index < buffer.size(); index++) {
                double value = buffer.valueAt(index);
                text.append(cell)
                        .append(',')
                        .append(buffer.timeAt(index))
                        .append(',')
                        .append(Double.isNaN(value) ? "" : number(value))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** The chart's data as CSV: one row per time any of its series has a point; a gap or a missing point is empty. */
    static String csv(ChartDefinition definition, SeriesStore store) {
        if (definition instanceof GcEventChartDefinition events) {
            return gcEventsCsv(store.gcEvents(), events.concurrent());
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

    /** @param concurrent only concurrent cycles, only pauses, or (null) both, with a column that tells them apart */
    static String gcEventsCsv(GcEventLog log, Boolean concurrent) {
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
        if (concurrent == null) {
            header = new ArrayList<>(header);
            header.add("concurrent");
            header.add("recovered from totals");
        }
        List<List<String>> table = new ArrayList<>();
        for (int index = 0; index < log.size(); index++) {
            GcEvent event = log.get(index);
            if (concurrent != null && event.concurrent() != concurrent) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(
                    Instant.ofEpochMilli(event.endEpochMillis()).toString(),
                    Long.toString(event.endEpochMillis()),
                    String.valueOf(event.collector()),
                    String.valueOf(event.action()),
                    String.valueOf(event.cause()),
                    Long.toString(event.durationMillis()),
                    Integer.toString(event.recovered() ? event.recoveredCount() : 1),
                    Long.toString(event.gcId()),
                    event.oldGenAfterGcBytes() < 0 ? "" : Long.toString(event.oldGenAfterGcBytes())));
            if (concurrent == null) {
                row.add(Boolean.toString(event.concurrent()));
                row.add(Boolean.toString(event.recovered()));
            }
            table.add(row);
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

    static String number(double value) {
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
            text.append(csvCell(cells.get(index)));
        }
        text.append('\n');
    }

    /** A cell as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break ({@code \\r} too). */
    static String csvCell(String cell) {
        boolean quote =
                cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Writes {@code content} whole or not at all: beside its place first, then moved there atomically. */
    public static void writeText(Path file, String content) throws IOException {
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
