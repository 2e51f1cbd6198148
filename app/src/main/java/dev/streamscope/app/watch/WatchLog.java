package dev.streamscope.app.watch;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * watch.log: one JSON object a line per event (started, trigger, incident, cooldown, cap, command, state, stopped),
 * appended and flushed as it happens, so a watch killed hard still leaves what it saw. Any thread.
 */
public final class WatchLog {

    public static final String FILE = "watch.log";

    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private final Path file;
    private final PrintStream problems;
    private boolean failing;

    /** @param problems where a log that cannot be written says so, once */
    public WatchLog(Path folder, PrintStream problems) {
        this.file = folder.resolve(FILE);
        this.problems = problems;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code event} with its time and fields given as name, value, name, value… */
    public synchronized void write(Instant at, String event, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", at.toString());
        line.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        try {
            Files.writeString(
                    file,
                    GSON.toJson(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            failing = false;
        } catch (IOException e) {
            if (!failing) {
                problems.println("streamscope: cannot write " + file + " (" + e.getMessage()
                        + "); the watch goes on, its events only on this output");
            }
            failing = true;
            problems.println("streamscope: " + GSON.toJson(line));
        }
    }
}
