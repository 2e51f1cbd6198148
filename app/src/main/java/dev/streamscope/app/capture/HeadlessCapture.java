package dev.streamscope.app.capture;

import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.base.CountText;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.demo.DemoLaunchException;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.live.Demo;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.LiveRecording.ThreadSampling;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.recording.HistogramPair;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.threads.ThreadFinding;
import dev.streamscope.app.threads.ThreadReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records one target with no window: a {@link LiveRecording}, the same the window's tab projects, records it on its
 * own thread; the capture thread (the one calling {@link #run()}) only watches its views for progress and the end
 * (duration reached, {@link #stop()}, or a first connection that cannot succeed), then saves it into the folder.
 * Needs no display: nothing here touches JavaFX.
 */
public final class HeadlessCapture {

    /** How often a progress line goes to stderr. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** How long a Ctrl+C waits for the files to be written before the JVM goes anyway. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final CaptureOptions options;
    private final PrintStream progress;
    private final JvmConnector connector;
    /** Released by each view the recording publishes, and by {@link #stop()}: the capture thread looks again. */
    private final Semaphore wake = new Semaphore(0);

    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile int exitStatus = 1;
    private volatile long samplesRecorded;
    /** Taken by the capture thread alone; null without --histogram. */
    private final CaptureHistograms histograms;

    private HistogramPair histogramsTaken;
    private boolean threadsStarted;

    public HeadlessCapture(CaptureOptions options, PrintStream progress) {
        this(options, progress, JvmConnections::open);
    }

    /** @param progress where progress lines go (stderr from the command line) */
    public HeadlessCapture(CaptureOptions options, PrintStream progress, JvmConnector connector) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.histograms = options.histogram() == null
                ? null
                : new CaptureHistograms(
                        options.histogram(),
                        options.histogramDeadline(),
                        options.timeouts().connect().plus(options.timeouts().call()),
                        progress);
    }

    /**
     * Runs the whole capture on the calling thread: prepares the folder, records for the duration (or until
     * {@link #stop()}, or until the first connection fails for a reason that will not pass by itself: a target that
     * refuses or does not answer yet is waited for), then writes every file.
     *
     * @throws IOException when the folder cannot be prepared or a file cannot be written
     */
    public CaptureResult run() throws IOException {
        Demo.Running demo = null;
        try {
            Path folder = RecordingWriter.prepareFolder(options.outputFolder(), options.force(), Instant.now());
            TargetSpec target = options.target();
            if (options.demo()) {
                progress.println("streamscope: starting " + Demo.what(options.demoLeakAfter()) + "…");
                demo = Demo.start(options.demoLeakAfter());
                target = demo.spec();
            }
            LiveRecording recording = new LiveRecording(
                    target.describe(),
                    target.jmx() != null,
                    target.channelz() != null,
                    connector,
                    options.timeouts(),
                    options.interval());
            recording.setLifetime(options.lifetime());
            recording.setTrendWindow(options.trendWindow());
            // a target being restarted (refused, no answer yet) is waited for; a wrong address or credential is not
            recording.setWaitForFirstConnection(true);
            // the overdue CSV lists the bridge's oldest rows, as many as a poll may carry
            recording.setStreamRows(BridgeStreams.DEFAULT_OLDEST_LIMIT);
            recording.setListener(view -> wake.release());
            progress.println("streamscope: capturing " + target.describe() + " for " + describe(options.duration())
                    + " every " + describe(options.interval()) + " into " + folder
                    + " (Ctrl+C stops early and still writes everything)");
            boolean interrupted = record(target, recording);
            LiveRecording.Saved saved;
            try {
                saved = recording.saveInto(folder, histogramsTaken);
            } catch (InterruptedException e) {
                throw new IOException("interrupted while writing " + folder, e);
            }
            RecordingView last = recording.latest();
            if (last.nothingRecorded() && last.lastProblem() != null) {
                progress.println("streamscope: nothing was recorded: " + last.lastProblem());
            }
            progress.println("streamscope: " + saved.verdict().wireName() + "; wrote "
                    + saved.files().size() + " files into " + folder);
            if (saved.verdict() == Verdict.INCONCLUSIVE) {
                saved.summary().errors().stream()
                        .filter(error -> error.startsWith(Summaries.INCONCLUSIVE_ERROR))
                        .forEach(error -> progress.println("streamscope: " + error.substring("verdict: ".length())
                                + "; record longer, or shorten them"));
            }
            exitStatus = saved.verdict().exitStatus();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new CaptureResult(folder, saved.verdict(), saved.summary(), saved.files());
        } catch (DemoLaunchException e) {
            throw new IOException("the demo target did not start: " + e.getMessage(), e);
        } finally {
            if (demo != null) {
                demo.close();
            }
            finished.countDown();
        }
    }

    /** Ends the capture early; {@link #run()} still writes everything. Callable from any thread, more than once. */
    public void stop() {
        stopRequested = true;
        wake.release();
    }

    /** JVM samples recorded so far; any thread may ask. */
    public long samplesRecorded() {
        return samplesRecorded;
    }

    /** How long a Ctrl+C waits for the files: longer by the histogram at the end, which is still taken. */
    private Duration shutdownWait() {
        return histograms == null ? SHUTDOWN_WAIT : SHUTDOWN_WAIT.plus(histograms.longestFinish());
    }

    /** Waits until {@link #run()} has returned or thrown. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The {@code --headless} command line: builds the options, installs a Ctrl+C hook that ends the capture early and
     * waits for its files, runs it.
     *
     * @return the exit status: the verdict's, 64 for bad arguments, 1 when files could not be written
     */
    public static int runFromCommandLine(LaunchOptions launchOptions, PrintStream err) {
        CaptureOptions options;
        try {
            String password = System.getenv("STREAMSCOPE_JMX_PASSWORD");
            options = CaptureOptions.from(launchOptions, password == null ? null : password.toCharArray());
        } catch (CaptureUsageException e) {
            err.println("streamscope: " + e.getMessage());
            return Verdict.USAGE_EXIT_STATUS;
        }
        HeadlessCapture capture = new HeadlessCapture(options, err);
        Thread hook = new Thread(
                () -> {
                    capture.stop();
                    try {
                        if (capture.awaitFinished(capture.shutdownWait())) {
                            // the exit status a cron job reads should be the verdict's, Ctrl+C or not
                            Runtime.getRuntime().halt(capture.exitStatus);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "streamscope-capture-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return capture.run().verdict().exitStatus();
        } catch (IOException e) {
            err.println("streamscope: " + e.getMessage());
            return e instanceof FileSystemException ? Verdict.USAGE_EXIT_STATUS : 1;
        } catch (RuntimeException e) {
            err.println("streamscope: the capture failed: " + e);
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running and ends the JVM with the verdict's status
            }
        }
    }

    /** @return whether the capture thread was interrupted (and so ended early) */
    private boolean record(TargetSpec target, LiveRecording recording) {
        long startNanos = System.nanoTime();
        long deadline = startNanos + options.duration().toNanos();
        // a capture shorter than the connect deadline still waits for its first attempt's answer, to say why
        long lastChance = deadline
                + options.timeouts().connect().plus(options.timeouts().call()).toNanos();
        long nextProgress = startNanos + PROGRESS_EVERY.toNanos();
        boolean interrupted = false;
        boolean connectionDescribed = false;
        recording.start(target);
        try {
            while (!stopRequested) {
                RecordingView view = recording.latest();
                samplesRecorded = view.samples();
                if (view.failed()) {
                    break;
                }
                if (view.samples() > 0 && !connectionDescribed) {
                    // once: whom we reached, and what this way of reaching it cannot see (GC pauses over Jolokia)
                    connectionDescribed = true;
                    progress.println("streamscope: " + view.statusMessage());
                }
                if (options.threads() && view.samples() > 0 && !threadsStarted) {
                    threadsStarted = true;
                    // every 5 s at most: the next starts after the last ends
                    recording.setThreadSampling(ThreadSampling.CAPTURE, true);
                }
                if (histograms != null && view.samples() > 0) {
                    histograms.onJvmAnswered(recording); // a sample means the target answers over JMX
                }
                boolean firstAnswerPending = view.nothingRecorded() && view.lastProblem() == null;
                long end = firstAnswerPending ? lastChance : deadline;
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                try {
                    wake.tryAcquire(Math.max(0, Math.min(end, nextProgress) - now), TimeUnit.NANOSECONDS);
                    wake.drainPermits(); // one look at the latest view serves every batch that woke us
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
                if (System.nanoTime() >= nextProgress) {
                    printProgress(recording.latest(), Duration.ofNanos(System.nanoTime() - startNanos));
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
            }
            if (threadsStarted) {
                recording.setThreadSampling(ThreadSampling.CAPTURE, false);
                if (!interrupted) {
                    interrupted = lastThreadDump(recording);
                }
            }
            if (histograms != null && !interrupted) {
                try {
                    histogramsTaken = histograms.finish(recording);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            recording.close(); // what the session sent before it closed is still recorded before the save
        }
        return interrupted;
    }

    /** One dump at the end, for threads-end.txt; a failure leaves the last sampled one. @return interrupted */
    private boolean lastThreadDump(LiveRecording recording) {
        try {
            recording
                    .sampleThreads()
                    .get(options.timeouts().call().multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        } catch (ExecutionException | TimeoutException e) {
            progress.println("streamscope: no thread dump at the end ("
                    + (e.getCause() == null ? e : e.getCause().getMessage()) + "); the last one taken is kept");
        }
        return false;
    }

    private void printProgress(RecordingView view, Duration elapsed) {
        StringBuilder line = new StringBuilder("streamscope: ")
                .append(describe(elapsed))
                .append(" of ")
                .append(describe(options.duration()))
                .append(" elapsed · ")
                .append(view.progressFigures());
        var summary = StreamsReports.of(view.streams()).summary();
        if (summary.overdueMin() != null) {
            line.append(" · overdue ")
                    .append(CountText.range(
                            summary.overdueMin(),
                            summary.overdueMax() == null ? summary.overdueMin() : summary.overdueMax()));
        }
        List<GrowingConnection> growing = view.streams().growing();
        if (!growing.isEmpty()) {
            line.append(" · growing ")
                    .append(growing.get(0).summary())
                    .append(" on ")
                    .append(growing.get(0).socket());
            if (growing.size() > 1) {
                line.append(" and ").append(growing.size() - 1).append(" more connections");
            }
        }
        ThreadReport threads = view.threads();
        if (!threads.active().isEmpty()) {
            ThreadFinding first = threads.active().get(0);
            line.append(" · threads: ")
                    .append(first.kind().title().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(first.subject());
            if (threads.active().size() > 1) {
                line.append(" and ").append(threads.active().size() - 1).append(" more findings");
            }
        }
        line.append(" · ").append(view.state().name().toLowerCase(Locale.ROOT));
        if (view.waitingReason() != null) {
            line.append(": ").append(view.waitingReason()).append(" (Ctrl+C ends the capture)");
        }
        progress.println(line);
    }

    private static String describe(Duration duration) {
        return DurationText.age(duration);
    }
}
