package dev.streamscope.app.watch;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.recording.HistogramPair;
import dev.streamscope.app.threads.ThreadDumpText;
import dev.streamscope.app.threads.ThreadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Ends an incident: the class histogram at the end of --after, then the recording through the one save path (the
 * kept history up to now, with both histograms), the thread dump taken at the trigger, and incident.json. The folder
 * is a recording folder: --open and --compare read it.
 */
final class IncidentWriter {

    static final String INCIDENT_FILE = "incident.json";
    static final String THREADS_AT_TRIGGER = "threads-at-trigger.txt";
    static final int FORMAT = 1;

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private IncidentWriter() {}

    /** What incident.json holds. */
    record IncidentFile(
            int format,
            String trigger,
            String firedAt,
            String evidence,
            List<JoinedTrigger> alsoFired,
            String after,
            String endedAt,
            String endedEarly,
            String verdict,
            int exitStatus,
            String histogram,
            String histogramAtTrigger,
            String histogramAtEnd,
            String threadDump,
            List<String> files) {}

    /** A trigger that fired while the incident recorded, and joined it. */
    record JoinedTrigger(String trigger, String firedAt, String evidence) {
        static JoinedTrigger of(Evidence evidence) {
            return new JoinedTrigger(evidence.kind().wireName(), evidence.at().toString(), evidence.text());
        }
    }

    /** What was written and how much disk it takes. */
    record Written(Path folder, IncidentFile file, long bytes) {}

    /**
     * Writes the incident's folder; blocks the calling thread (the watch's) for at most the histogram's and the save's
     * time.
     *
     * @param stopping the watch is ending before --after is over: no histogram at the end, and incident.json says so
     */
    static Written finish(
            LiveRecording recording, Incident incident, WatchOptions options, boolean stopping, Instant now)
            throws IOException, InterruptedException {
        HistogramPair pair = null;
        if (incident.histogramAtTrigger() != null) {
            Outcome<HeapHistogram> atTrigger = await(incident.histogramAtTrigger(), options);
            Outcome<HeapHistogram> atEnd = stopping
                    ? Outcome.missing("the watch was stopped before the end of --after")
                    : incident.after().isZero()
                            ? Outcome.missing("saved at once: nothing was recorded after it")
                            : await(recording.takeHistogram(options.histogram(), options.histogramDeadline()), options);
            pair = new HistogramPair(
                    options.histogram(), atTrigger.value(), atTrigger.problem(), atEnd.value(), atEnd.problem());
        }
        String dumpNote = "no JVM side: thread dumps need --jmx";
        if (incident.dumpAtTrigger() != null) {
            Outcome<ThreadReport> dump = await(incident.dumpAtTrigger(), options);
            if (dump.value() != null && dump.value().lastDump() != null) {
                Files.writeString(
                        incident.folder().resolve(THREADS_AT_TRIGGER),
                        ThreadDumpText.format(dump.value().lastDump()),
                        StandardCharsets.UTF_8);
                dumpNote = THREADS_AT_TRIGGER;
            } else {
                dumpNote = "no thread dump: " + (dump.problem() == null ? "the dump was empty" : dump.problem());
            }
        }
        LiveRecording.Saved saved = recording.saveInto(incident.folder(), pair);
        List<String> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(incident.folder())) {
            listed.map(path -> path.getFileName().toString()).sorted().forEach(files::add);
        }
        files.add(INCIDENT_FILE);
        IncidentFile file = new IncidentFile(
                FORMAT,
                incident.evidence().kind().wireName(),
                incident.evidence().at().toString(),
                incident.evidence().text(),
                incident.joined().stream().map(JoinedTrigger::of).toList(),
                DurationText.format(incident.after()),
                now.toString(),
                stopping
                        ? "the watch was stopped " + DurationText.age(Duration.between(now, incident.endsAt()))
                                + " before the end of --after"
                        : null,
                saved.verdict().wireName(),
                saved.verdict().exitStatus(),
                pair == null ? null : options.histogram().name().toLowerCase(Locale.ROOT),
                pair == null ? null : describe(pair.start() != null, pair.startProblem(), "histogram-start.csv"),
                pair == null ? null : describe(pair.end() != null, pair.endProblem(), "histogram-end.csv"),
                dumpNote,
                files);
        Files.writeString(incident.folder().resolve(INCIDENT_FILE), GSON.toJson(file) + "\n", StandardCharsets.UTF_8);
        return new Written(incident.folder(), file, folderBytes(incident.folder()));
    }

    private static String describe(boolean taken, String problem, String fileName) {
        return taken ? fileName : "missing: " + problem;
    }

    static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long bytes = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    bytes += Files.size(file);
                }
            }
            return bytes;
        }
    }

    private record Outcome<T>(T value, String problem) {
        static <T> Outcome<T> missing(String problem) {
            return new Outcome<>(null, problem);
        }
    }

    private static <T> Outcome<T> await(CompletableFuture<T> future, WatchOptions options) throws InterruptedException {
        try {
            return new Outcome<>(future.get(Incident.askDeadline(options).toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Outcome.missing(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (TimeoutException e) {
            return Outcome.missing("no answer within " + DurationText.age(Incident.askDeadline(options)));
        }
    }
}
