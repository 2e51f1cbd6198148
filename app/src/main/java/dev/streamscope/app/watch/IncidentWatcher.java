package dev.streamscope.app.watch;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.SizeText;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.streams.LiveSetTrend.LiveSetEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * From a recording's views to incident folders: the triggers, the book that allows them, the incidents recording
 * their --after, and writing each through the one save path. The headless watch and a window tab's watch drive the
 * same class. One thread uses it, and it blocks that thread while it writes a folder: never the FX thread.
 */
public final class IncidentWatcher {

    private final LiveRecording recording;
    private final WatchOptions options;
    private final WatchLog log;
    private final Consumer<String> say;
    private final Clock clock;
    private final Triggers triggers;
    private final IncidentBook book;
    private final IncidentCommand command;

    private final List<Incident> open = new ArrayList<>();
    private final Set<TriggerKind> saidCoolingDown = EnumSet.noneOf(TriggerKind.class);
    private final Set<TriggerKind> notWritten = EnumSet.noneOf(TriggerKind.class);
    private boolean saidFull;
    private int written;
    private long incidentBytes;
    private long largestIncidentBytes;

    /**
     * @param say where the lines a person reads go: stdout for the command line, the status line in the window
     * @throws IOException when the incident folders already in --out cannot be counted
     */
    public IncidentWatcher(
            LiveRecording recording, WatchOptions options, WatchLog log, Consumer<String> say, Clock clock)
            throws IOException {
        this.recording = recording;
        this.options = options;
        this.log = log;
        this.say = say;
        this.clock = clock;
        this.triggers = new Triggers(options.triggers(), options.fullWithin());
        this.book =
                new IncidentBook(options.cooldown(), options.maxIncidents(), existingIncidents(options.out()), clock);
        this.command = options.onIncident() == null
                ? null
                : new IncidentCommand(options.onIncident(), options.onIncidentDeadline(), log, clock);
    }

    public IncidentBook book() {
        return book;
    }

    /** Incident folders written so far. */
    public int written() {
        return written;
    }

    /** Incidents recording their --after now. */
    public int recording() {
        return open.size();
    }

    /** When the earliest open incident is due, or {@code otherwise} when none is sooner. */
    public Instant nextDue(Instant otherwise) {
        Instant due = otherwise;
        for (Incident incident : open) {
            due = incident.endsAt().isBefore(due) ? incident.endsAt() : due;
        }
        return due;
    }

    /** Looks at {@code view} for triggers; each one the book allows opens an incident. */
    public void check(RecordingView view) {
        if (view.nothingRecorded()) {
            return;
        }
        LiveSetEstimate[] liveSet = new LiveSetEstimate[1];
        if (options.triggers().contains(TriggerKind.LIVE_SET)) {
            recording.tryRead(recorder -> liveSet[0] = recorder.liveSet()); // busy now: the next view tries again
        }
        for (Evidence evidence : triggers.evaluate(view, liveSet[0], clock.instant())) {
            TriggerKind kind = evidence.kind();
            int recordingNow = open.size() - 1; // the newest: triggers join it, so one records at a time
            if (recordingNow >= 0 && open.get(recordingNow).covers(kind)) {
                continue; // the same trigger still holding: its evidence is in that folder already
            }
            switch (book.consider(kind, recordingNow >= 0)) {
                case OPEN -> open(evidence);
                case JOIN -> join(recordingNow, evidence);
                case COOLING_DOWN -> {
                    if (saidCoolingDown.add(kind)) {
                        log.write(
                                evidence.at(),
                                "cooldown",
                                "trigger",
                                kind.wireName(),
                                "evidence",
                                evidence.text(),
                                "until",
                                String.valueOf(book.coolingUntil(kind)));
                    }
                }
                case FULL -> {
                    if (notWritten.add(kind)) { // once a kind: the log keeps what fired even when told at the start
                        log.write(
                                evidence.at(),
                                "not-written",
                                "trigger",
                                kind.wireName(),
                                "evidence",
                                evidence.text(),
                                "problem",
                                "--max-incidents reached");
                    }
                    if (!saidFull) {
                        sayFull();
                    }
                }
            }
        }
    }

    /**
     * Writes an incident folder now, whatever the triggers say: histogram and dump now, the history up to now.
     *
     * @return the folder written, or null when it could not be (said and logged)
     */
    public Path saveNow(String why) throws InterruptedException {
        Incident incident = open(new Evidence(TriggerKind.MANUAL, clock.instant(), why), Duration.ZERO);
        return incident == null ? null : finish(incident, false);
    }

    /** Writes the incidents whose --after is over, or all of them at once when {@code stopping}. */
    public void finishDue(boolean stopping) throws InterruptedException {
        Iterator<Incident> due = open.iterator();
        while (due.hasNext()) {
            Incident incident = due.next();
            if (!stopping && clock.instant().isBefore(incident.endsAt())) {
                continue;
            }
            due.remove();
            finish(incident, stopping);
        }
    }

    /** Says when the folder cap was reached, once. */
    public void sayFull() {
        saidFull = true;
        say.accept(book.incidents() + " incident folders are in " + options.out()
                + ", the most --max-incidents allows: the oldest are kept and no new ones are written; move them"
                + " away or raise --max-incidents");
    }

    /** Ends the --on-incident command's work. */
    public void close() {
        if (command != null) {
            command.close();
        }
    }

    private void open(Evidence evidence) {
        open(evidence, options.after());
    }

    private void join(int index, Evidence evidence) {
        saidCoolingDown.remove(evidence.kind());
        Incident incident = open.get(index).joinedBy(evidence);
        open.set(index, incident);
        logTrigger(evidence, "joined", incident);
        say.accept(evidence.kind().wireName() + " fired: " + evidence.text() + "; its evidence joins the incident"
                + " recording into " + incident.folder());
    }

    /** A trigger line in watch.log: {@code place} says whether it opened ("folder") or joined ("joined") the incident. */
    private void logTrigger(Evidence evidence, String place, Incident incident) {
        log.write(
                evidence.at(),
                "trigger",
                "trigger",
                evidence.kind().wireName(),
                "evidence",
                evidence.text(),
                place,
                incident.folder().toString(),
                "until",
                incident.endsAt().toString());
    }

    private Incident open(Evidence evidence, Duration after) {
        saidCoolingDown.remove(evidence.kind());
        try {
            Incident incident = Incident.begin(recording, evidence, options, after);
            if (!after.isZero()) {
                open.add(incident);
            }
            logTrigger(evidence, "folder", incident);
            if (!after.isZero()) {
                say.accept(evidence.kind().wireName() + " fired: " + evidence.text() + "; recording "
                        + DurationText.format(after) + " more into " + incident.folder());
            }
            return incident;
        } catch (IOException e) {
            log.write(
                    evidence.at(),
                    "not-written",
                    "trigger",
                    evidence.kind().wireName(),
                    "evidence",
                    evidence.text(),
                    "problem",
                    "cannot make its folder: " + e.getMessage());
            say.accept(evidence.kind().wireName() + " fired, but its folder cannot be made: " + e.getMessage()
                    + "; the watch goes on");
            return null;
        }
    }

    private Path finish(Incident incident, boolean stopping) throws InterruptedException {
        Instant now = clock.instant();
        try {
            IncidentWriter.Written done = IncidentWriter.finish(
                    recording, incident, options, stopping && now.isBefore(incident.endsAt()), now);
            written++;
            incidentBytes += done.bytes();
            largestIncidentBytes = Math.max(largestIncidentBytes, done.bytes());
            log.write(
                    clock.instant(),
                    "incident",
                    "trigger",
                    done.file().trigger(),
                    "folder",
                    done.folder().toString(),
                    "verdict",
                    done.file().verdict(),
                    "bytes",
                    done.bytes(),
                    "endedEarly",
                    done.file().endedEarly());
            say.accept("wrote " + done.folder() + " (" + SizeText.mebibytes(done.bytes()) + "; " + diskUse() + ")");
            if (command != null) {
                command.runFor(done.folder());
            }
            return done.folder();
        } catch (IOException | RuntimeException e) {
            log.write(
                    clock.instant(),
                    "not-written",
                    "trigger",
                    incident.evidence().kind().wireName(),
                    "folder",
                    incident.folder().toString(),
                    "problem",
                    String.valueOf(e.getMessage()));
            say.accept("could not write " + incident.folder() + ": " + e.getMessage() + "; the watch goes on");
            return null;
        }
    }

    /** "incident folders written: 3.2 MiB; at most 20 × the largest so far, 1.6 MiB" */
    private String diskUse() {
        return "incident folders written: " + SizeText.mebibytes(incidentBytes) + "; at most " + options.maxIncidents()
                + " × the largest so far, " + SizeText.mebibytes(largestIncidentBytes);
    }

    private static int existingIncidents(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return (int) entries.filter(Files::isDirectory)
                    .filter(entry -> entry.getFileName().toString().startsWith(Incident.FOLDER_PREFIX))
                    .count();
        }
    }
}
