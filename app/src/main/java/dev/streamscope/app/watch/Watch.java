package dev.streamscope.app.watch;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.demo.DemoLaunchException;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.live.Demo;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.LiveRecording.ThreadSampling;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An always-on recording of one target: a rolling {@link LiveRecording} keeps the last --keep of history; the watch
 * thread (the one calling {@link #run()}) looks at each view for triggers, and for each one the {@link IncidentBook}
 * allows writes an incident folder after --after. Runs until {@link #stop()} (Ctrl+C, SIGTERM), then finishes the open
 * incidents at once and saves the kept history. No JavaFX: the window can drive the same class.
 */
public final class Watch {

    /** The folder the kept history is saved into when the watch ends. */
    static final String END_FOLDER_PREFIX = "watch-end-";

    private final WatchOptions options;
    private final PrintStream out;
    private final JvmConnector connector;
    private final Clock clock;
    /** Released by each view the recording publishes, and by {@link #stop()}. */
    private final Semaphore wake = new Semaphore(0);

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile int exitStatus = 1;
    private volatile int incidentsWritten;

    private WatchLog log;
    private IncidentWatcher incidents;

    /** What a watch left when it ended. */
    public record Result(Path endFolder, Verdict verdict, int incidents) {}

    /** @param out where progress lines go (stdout from the command line) */
    public Watch(WatchOptions options, PrintStream out, JvmConnector connector, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Ends the watch; {@link #run()} then writes what it has. Any thread, more than once. */
    public void stop() {
        stopRequested = true;
        wake.release();
    }

    /** Waits until {@link #run()} has returned or thrown. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The exit status of the verdict at the end, once {@link #run()} returned; 1 before. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Incident folders written so far by this watch. */
    public int incidentsWritten() {
        return incidentsWritten;
    }

    /**
     * Watches until stopped, or until the first connection fails for a reason that will not pass by itself.
     *
     * @throws IOException when --out cannot be made or the kept history cannot be written at the end
     */
    public Result run() throws IOException {
        Demo.Running demo = null;
        try {
            Path folder = options.out().toAbsolutePath();
            Files.createDirectories(folder);
            log = new WatchLog(folder, out);
            TargetSpec target = options.target();
            if (options.demo()) {
                out.println("streamscope: starting " + Demo.what(options.demoLeakAfter()) + "…");
                demo = Demo.start(options.demoLeakAfter());
                target = demo.spec();
            }
            LiveRecording recording = LiveRecording.rolling(
                    target.describe(),
                    target.jmx() != null,
                    target.channelz() != null,
                    connector,
                    options.timeouts(),
                    options.interval(),
                    options.keep());
            recording.setLifetime(options.lifetime());
            recording.setTrendWindow(options.trendWindow());
            recording.setWaitForFirstConnection(true);
            recording.setStreamRows(BridgeStreams.DEFAULT_OLDEST_LIMIT);
            recording.setListener(view -> wake.release());
            incidents =
                    new IncidentWatcher(recording, options, log, line -> out.println("streamscope: " + line), clock);
            announce(target, folder);
            watch(target, recording);
            return end(recording, folder);
        } catch (DemoLaunchException e) {
            throw new IOException("the demo target did not start: " + e.getMessage(), e);
        } finally {
            if (demo != null) {
                demo.close();
            }
            finished.countDown();
        }
    }

    private void announce(TargetSpec target, Path folder) {
        List<String> kinds =
                options.triggers().stream().sorted().map(TriggerKind::wireName).toList();
        log.write(
                clock.instant(),
                "started",
                "target",
                target.describe(),
                "keep",
                DurationText.format(options.keep()),
                "triggers",
                kinds,
                "after",
                DurationText.format(options.after()),
                "cooldown",
                DurationText.format(options.cooldown()),
                "maxIncidents",
                options.maxIncidents(),
                "incidentsAlreadyThere",
                incidents.book().incidents());
        out.println("streamscope: watching " + target.describe() + " every " + DurationText.age(options.interval())
                + ", keeping the last " + DurationText.format(options.keep()) + "; triggers " + String.join(",", kinds)
                + "; incident folders in " + folder + " (at most " + options.maxIncidents() + ", each the kept history"
                + " and " + DurationText.format(options.after())
                + " after its trigger, joined by the triggers that fire"
                + " meanwhile; a trigger kind once per " + DurationText.format(options.cooldown())
                + "); Ctrl+C or SIGTERM ends it");
        if (incidents.book().full()) {
            incidents.sayFull();
        }
    }

    private void watch(TargetSpec target, LiveRecording recording) {
        Instant started = clock.instant();
        Instant nextProgress = started.plus(options.progressEvery());
        TargetState lastState = null;
        boolean threadsStarted = false;
        recording.start(target);
        try {
            while (!stopRequested) {
                RecordingView view = recording.latest();
                if (view.state() != lastState) {
                    lastState = view.state();
                    log.write(
                            clock.instant(),
                            "state",
                            "state",
                            lastState.name().toLowerCase(Locale.ROOT),
                            "message",
                            view.statusMessage());
                }
                if (view.failed()) {
                    out.println("streamscope: the watch ends: " + view.lastProblem());
                    break;
                }
                if (options.triggers().contains(TriggerKind.THREADS)
                        && options.hasJvm()
                        && view.samples() > 0
                        && !threadsStarted) {
                    threadsStarted = true;
                    recording.setThreadSampling(
                            ThreadSampling.WATCH, true); // a dump every 5 s at most, for the trigger
                }
                incidents.check(view);
                incidents.finishDue(false);
                incidentsWritten = incidents.written();
                Instant now = clock.instant();
                if (!now.isBefore(nextProgress)) {
                    printProgress(view, Duration.between(started, now));
                    nextProgress = nextProgress.plus(options.progressEvery());
                }
                Instant wakeAt = incidents.nextDue(nextProgress);
                long waitMillis =
                        Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis());
                wake.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits(); // one look at the latest view serves every batch that woke us
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            recording.setThreadSampling(ThreadSampling.WATCH, false);
            try {
                incidents.finishDue(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            incidentsWritten = incidents.written();
            recording.close();
            incidents.close();
        }
    }

    private Result end(LiveRecording recording, Path folder) throws IOException {
        Instant now = clock.instant();
        Path endFolder = Files.createDirectories(folder.resolve(END_FOLDER_PREFIX + PngExporter.fileTime(now)));
        LiveRecording.Saved saved;
        try {
            saved = recording.saveInto(endFolder, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + endFolder, e);
        }
        exitStatus = saved.verdict().exitStatus();
        log.write(
                clock.instant(),
                "stopped",
                "folder",
                endFolder.toString(),
                "verdict",
                saved.verdict().wireName(),
                "incidents",
                incidentsWritten);
        out.println("streamscope: the watch ended; " + saved.verdict().wireName() + "; the kept history is in "
                + endFolder + "; " + incidentsWritten
                + (incidentsWritten == 1 ? " incident folder" : " incident folders")
                + " written");
        return new Result(endFolder, saved.verdict(), incidentsWritten);
    }

    private void printProgress(RecordingView view, Duration elapsed) {
        StringBuilder line = new StringBuilder("streamscope: watching for ")
                .append(DurationText.age(elapsed))
                .append(" · ")
                .append(view.progressFigures());
        line.append(" · incidents ")
                .append(incidentsWritten)
                .append(incidents.recording() == 0 ? "" : " (+" + incidents.recording() + " recording)")
                .append(" · ")
                .append(view.state().name().toLowerCase(Locale.ROOT));
        out.println(line);
    }
}
