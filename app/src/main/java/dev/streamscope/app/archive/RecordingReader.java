package dev.streamscope.app.archive;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.jmx.gc.GcEvent;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.series.SeriesStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a recording folder back. A damaged, partial or newer-format folder gets a {@link RecordingProblem} that names
 * the file and the line, never a crash; memory stays bounded by the store's own bounds, however large the files.
 */
public final class RecordingReader {

    private RecordingReader() {}

    public static SavedRecording read(Path folder) throws RecordingProblem {
        if (!Files.isDirectory(folder)) {
            throw new RecordingProblem(folder + " is not a folder; open the folder a capture or Save recording wrote.");
        }
        Summary summary = readSummary(folder);
        SeriesStore store = new SeriesStore();
        readSeries(folder.resolve(RecordingFiles.SERIES), store);
        readGcEvents(folder.resolve(RecordingFiles.GC_EVENTS), store);
        StreamsState streams = readJson(folder.resolve(RecordingFiles.STREAMS), StreamsState.class, true);
        ChannelzSnapshot channelz = readJson(folder.resolve(RecordingFiles.CHANNELZ), ChannelzSnapshot.class, false);
        ThreadsFile threads = readJson(folder.resolve(RecordingFiles.THREADS), ThreadsFile.class, false);
        String threadDump = readText(folder.resolve(RecordingFiles.THREADS_END));
        return new SavedRecording(folder, summary, store, streams, channelz, threads, threadDump);
    }

    /** A text file's content, or null when the recording has none. */
    private static String readText(Path file) throws RecordingProblem {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new RecordingProblem("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Summary readSummary(Path folder) throws RecordingProblem {
        Path file = folder.resolve(RecordingFiles.SUMMARY);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RecordingProblem(folder + " has no " + RecordingFiles.SUMMARY + ": it is not a recording, or one"
                    + " whose capture was stopped before it finished writing.");
        } catch (IOException e) {
            throw new RecordingProblem("Could not read " + file + ": " + e.getMessage(), e);
        }
        int format;
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new RecordingProblem(file + " is not a StreamScope summary (no JSON object).");
            }
            JsonObject object = root.getAsJsonObject();
            JsonElement formatField = object.get("format");
            format = formatField == null || formatField.isJsonNull() ? 1 : formatField.getAsInt();
        } catch (JsonParseException | IllegalStateException | NumberFormatException | UnsupportedOperationException e) {
            throw new RecordingProblem(file + " is damaged: " + e.getMessage(), e);
        }
        if (format > Summary.FORMAT) {
            throw new RecordingProblem(folder + " was written in recording format " + format + ", newer than this"
                    + " StreamScope reads (" + Summary.FORMAT + "); open it with a newer StreamScope.");
        }
        if (format < 2) {
            throw new RecordingProblem(folder + " is a capture of an earlier StreamScope (format 1): it holds charts"
                    + " and a summary but not the series the window needs; its PNG and CSV files can be read as"
                    + " they are.");
        }
        try {
            return RecordingJson.GSON.fromJson(text, Summary.class);
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new RecordingProblem(file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static <T> T readJson(Path file, Class<T> type, boolean required) throws RecordingProblem {
        if (!Files.exists(file)) {
            if (required) {
                throw new RecordingProblem(file + " is missing: the recording is partial.");
            }
            return null;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            T value = RecordingJson.GSON.fromJson(in, type);
            if (value == null) {
                throw new RecordingProblem(file + " is empty.");
            }
            return value;
        } catch (IOException e) {
            throw new RecordingProblem("Could not read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new RecordingProblem(file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static void readSeries(Path file, SeriesStore store) throws RecordingProblem {
        readCsv(file, 3, (cells, line) -> {
            long time = Long.parseLong(cells.get(1));
            double value = cells.get(2).isEmpty() ? Double.NaN : Double.parseDouble(cells.get(2));
            store.append(cells.get(0), time, value);
        });
    }

    private static void readGcEvents(Path file, SeriesStore store) throws RecordingProblem {
        readCsv(file, 11, (cells, line) -> {
            String collections = cells.get(6);
            int count = collections.isEmpty() ? 1 : Integer.parseInt(collections);
            store.addGcEvent(new GcEvent(
                    Long.parseLong(cells.get(1)),
                    cells.get(2),
                    cells.get(3),
                    cells.get(4),
                    Long.parseLong(cells.get(5)),
                    Boolean.parseBoolean(cells.get(9)),
                    Boolean.parseBoolean(cells.get(10)) ? count : 0,
                    Long.parseLong(cells.get(7)),
                    cells.get(8).isEmpty() ? -1 : Long.parseLong(cells.get(8))));
        });
    }

    private interface RowReader {
        void accept(List<String> cells, long line);
    }

    private static void readCsv(Path file, int columns, RowReader rows) throws RecordingProblem {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new RecordingProblem(file + " is empty: the recording is partial.");
            }
            long line = 1;
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                if (text.isEmpty()) {
                    continue;
                }
                List<String> cells = cells(text);
                if (cells.size() != columns) {
                    throw new RecordingProblem(file + " line " + line + " has " + cells.size() + " cells, not "
                            + columns + ": the file is damaged.");
                }
                try {
                    rows.accept(cells, line);
                } catch (NumberFormatException e) {
                    throw new RecordingProblem(
                            file + " line " + line + " holds a number that is not one (" + e.getMessage() + ").", e);
                }
            }
        } catch (NoSuchFileException e) {
            throw new RecordingProblem(file + " is missing: the recording is partial.", e);
        } catch (IOException e) {
            throw new RecordingProblem("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** One CSV line's cells, RFC 4180 quoting; the files we write put no line break inside a cell of these files. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int index = 0; index < line.length(); index++) {
            char c = line.charAt(index);
            if (quoted) {
                if (c == '"' && index + 1 < line.length() && line.charAt(index + 1) == '"') {
                    cell.append('"');
                    index++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
