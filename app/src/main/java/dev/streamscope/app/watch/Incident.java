package dev.streamscope.app.watch;

import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.threads.ThreadReport;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One incident between its trigger and the end of --after: its folder, made at the trigger, and what was asked of the
 * target then (a class histogram, a thread dump), which arrive while the recording goes on.
 *
 * @param evidence the trigger that opened it
 * @param joined the triggers that fired while it recorded, in order
 * @param after how long it records beyond the trigger (zero: saved at once)
 * @param histogramAtTrigger null for a target without a JVM side
 * @param dumpAtTrigger null for a target without a JVM side
 */
record Incident(
        Evidence evidence,
        List<Evidence> joined,
        Path folder,
        Duration after,
        Instant endsAt,
        CompletableFuture<HeapHistogram> histogramAtTrigger,
        CompletableFuture<ThreadReport> dumpAtTrigger) {

    static final String FOLDER_PREFIX = "incident-";

    Incident {
        joined = List.copyOf(joined);
    }

    /** Whether {@code kind} opened or joined it. */
    boolean covers(TriggerKind kind) {
        return evidence.kind() == kind || joined.stream().anyMatch(other -> other.kind() == kind);
    }

    /** The same incident, with {@code another} trigger in its evidence. */
    Incident joinedBy(Evidence another) {
        List<Evidence> more = new ArrayList<>(joined);
        more.add(another);
        return new Incident(evidence, more, folder, after, endsAt, histogramAtTrigger, dumpAtTrigger);
    }

    /**
     * Makes the folder and asks the target for its histogram and threads now; returns at once.
     *
     * @param after how long it records beyond the trigger: --after, or zero for one saved at once
     */
    static Incident begin(LiveRecording recording, Evidence evidence, WatchOptions options, Duration after)
            throws IOException {
        Path folder = newFolder(options.out(), evidence);
        CompletableFuture<HeapHistogram> histogram = null;
        CompletableFuture<ThreadReport> dump = null;
        if (options.hasJvm()) {
            histogram = recording.takeHistogram(options.histogram(), options.histogramDeadline());
            dump = recording.sampleThreads();
        }
        return new Incident(evidence, List.of(), folder, after, evidence.at().plus(after), histogram, dump);
    }

    /** How long the watch waits at most for what was asked at the trigger: its deadline and a connection's. */
    static Duration askDeadline(WatchOptions options) {
        return options.histogramDeadline()
                .plus(options.timeouts().connect())
                .plus(options.timeouts().call());
    }

    private static Path newFolder(Path out, Evidence evidence) throws IOException {
        String base = FOLDER_PREFIX + evidence.kind().wireName() + "-" + PngExporter.fileTime(evidence.at());
        for (int attempt = 1; ; attempt++) {
            Path candidate = out.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // the same kind in the same second: try the next suffix
            }
        }
    }
}
