package dev.streamscope.app.capture;

import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.channelz.ChannelzAddress;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.channelz.ChannelzTarget;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.RecordingCharts;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.demo.DemoLaunchException;
import dev.streamscope.app.demo.DemoTarget;
import dev.streamscope.app.demo.DemoTargetLauncher;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.recording.HistogramPair;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsReport;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.SessionListener;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.streams.GrowingConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records one target with no window: a {@link TargetSession} polls it, its output crosses to the capture thread (the
 * one calling {@link #run()}) through a bounded queue, and that thread alone owns the target's {@link Recorder}, the
 * same recording the window keeps. At the end (duration reached, {@link #stop()}, or a first connection that cannot
 * succeed) it writes the recording folder with {@link RecordingWriter}. Needs no display: nothing here touches JavaFX.
 */
public final class HeadlessCapture {

    /** How often a progress line goes to stderr. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** Far more than a capture thread falls behind by; a bound, so a stalled writer cannot grow memory. */
    private static final int MAX_QUEUED = 10_000;

    /** How long the demo target may take to start. */
    private static final Duration DEMO_START_DEADLINE = Duration.ofSeconds(60);

    /** How long a Ctrl+C waits for the files to be written before the JVM goes anyway. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private static final Object STOP = new Object();

    private record Timed(Instant at, Object event) {}

    private final CaptureOptions options;
    private final PrintStream progress;
    private final JvmConnector connector;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong droppedEvents = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile int exitStatus = 1;
    private volatile long samplesRecorded;
    /** Taken by the capture thread alone; null without --histogram. */
    private final CaptureHistograms histograms;

    private HistogramPair histogramsTaken;

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
        DemoTarget demo = null;
        try {
            Instant start = Instant.now();
            Path folder = RecordingWriter.prepareFolder(options.outputFolder(), options.force(), start);
            TargetSpec target = options.target();
            if (options.demo()) {
                progress.println("streamscope: starting the demo target (a child JVM with a gRPC service that leaks"
                        + " streams)…");
                demo = DemoTargetLauncher.start(DEMO_START_DEADLINE);
                target = demoSpec(demo);
            }
            Recorder recorder = new Recorder(target.describe(), target.jmx() != null, target.channelz() != null);
            recorder.setLifetime(options.lifetime());
            recorder.setTrendWindow(options.trendWindow());
            List<LiveChart> charts = RecordingCharts.of(recorder);
            progress.println("streamscope: capturing " + target.describe() + " for " + describe(options.duration())
                    + " every " + describe(options.interval()) + " into " + folder
                    + " (Ctrl+C stops early and still writes everything)");
            boolean interrupted = record(target, recorder, start);
            Instant end = Instant.now();
            StreamsReport report = StreamsReports.of(recorder.streams());
            List<String> extraErrors = new ArrayList<>();
            if (droppedEvents.get() > 0) {
                extraErrors.add(droppedEvents.get() + " session events were dropped: the capture thread fell behind");
            }
            Summary summary = Summaries.summarize(
                    recorder,
                    target.jmx() == null ? null : target.jmx().address(),
                    target.channelz() == null
                            ? null
                            : target.channelz().address().authority(),
                    start,
                    end,
                    options.interval(),
                    report,
                    extraErrors,
                    histogramsTaken);
            RecordingWriter.Prepared prepared =
                    RecordingWriter.prepare(recorder, charts, end.toEpochMilli(), report, summary, histogramsTaken);
            List<Path> files = prepared.writeInto(folder);
            Verdict verdict = Summaries.verdict(recorder, report);
            if (recorder.nothingRecorded() && recorder.lastProblem() != null) {
                progress.println("streamscope: nothing was recorded: " + recorder.lastProblem());
            }
            progress.println(
                    "streamscope: " + verdict.wireName() + "; wrote " + files.size() + " files into " + folder);
            exitStatus = verdict.exitStatus();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return new CaptureResult(folder, verdict, prepared.summary(), files);
        } catch (DemoLaunchException e) {
            throw new IOException("the demo target did not start: " + e.getMessage(), e);
        } finally {
            if (demo != null) {
                demo.close();
            }
            finished.countDown();
        }
    }

    private TargetSpec demoSpec(DemoTarget demo) throws IOException {
        try {
            return new TargetSpec(
                    "Demo",
                    JmxAddress.parse(demo.jmxAddress(), null, null, false),
                    ChannelzTarget.plaintext(ChannelzAddress.parse(demo.channelzAddress())));
        } catch (TargetProblem problem) {
            throw new IOException("the demo target gave an address we cannot read: " + problem.getMessage(), problem);
        }
    }

    /** Ends the capture early; {@link #run()} still writes everything. Callable from any thread, more than once. */
    public void stop() {
        stopRequested = true;
        queue.offer(STOP);
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
            return e instanceof java.nio.file.FileSystemException ? Verdict.USAGE_EXIT_STATUS : 1;
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
    private boolean record(TargetSpec target, Recorder recorder, Instant start) {
        long startNanos = System.nanoTime();
        long deadline = startNanos + options.duration().toNanos();
        // a capture shorter than the connect deadline still waits for its first attempt's answer, to say why
        long lastChance = deadline
                + options.timeouts().connect().plus(options.timeouts().call()).toNanos();
        long nextProgress = startNanos + PROGRESS_EVERY.toNanos();
        boolean interrupted = false;
        TargetSession session =
                new TargetSession(target, connector, options.timeouts(), options.interval(), listener());
        session.setLifetime(options.lifetime());
        // a target being restarted (refused, no answer yet) is waited for; a wrong address or credential still ends it
        session.setWaitForFirstConnection(true);
        // the overdue CSV lists the bridge's oldest rows, as many as a poll may carry
        session.setStreamRows(BridgeStreams.DEFAULT_OLDEST_LIMIT);
        try {
            session.start();
            while (!stopRequested && !recorder.failed()) {
                long now = System.nanoTime();
                boolean firstAnswerPending = recorder.nothingRecorded() && recorder.lastProblem() == null;
                if (now >= (firstAnswerPending ? lastChance : deadline)) {
                    break;
                }
                Object event;
                try {
                    long until = Math.min(firstAnswerPending ? lastChance : deadline, nextProgress);
                    event = queue.poll(Math.max(0, until - now), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
                if (event != null) {
                    apply(event, recorder, session);
                    drain(recorder, session);
                }
                if (System.nanoTime() >= nextProgress) {
                    printProgress(recorder, Duration.ofNanos(System.nanoTime() - startNanos));
                    nextProgress += PROGRESS_EVERY.toNanos();
                }
            }
            if (histograms != null && !interrupted) {
                try {
                    histogramsTaken = histograms.finish(session);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            session.close();
        }
        drain(recorder, session); // what arrived before the session closed still belongs to the capture
        return interrupted;
    }

    private SessionListener listener() {
        return new SessionListener() {
            @Override
            public void onStatus(TargetStatus status) {
                enqueue(status);
            }

            @Override
            public void onTick(TargetTick tick) {
                enqueue(tick);
            }

            @Override
            public void onChannelz(ChannelzUpdate update) {
                enqueue(update);
            }
        };
    }

    /** Called on the poller and gRPC threads: never blocks. */
    private void enqueue(Object event) {
        if (!queue.offer(new Timed(Instant.now(), event))) {
            droppedEvents.incrementAndGet();
        }
    }

    private void drain(Recorder recorder, TargetSession session) {
        for (Object event; (event = queue.poll()) != null; ) {
            apply(event, recorder, session);
        }
    }

    private void apply(Object queued, Recorder recorder, TargetSession session) {
        if (!(queued instanceof Timed timed)) {
            return; // the STOP marker only wakes the capture thread
        }
        if (timed.event() instanceof TargetStatus status) {
            recorder.record(status, timed.at());
        } else if (timed.event() instanceof TargetTick tick) {
            recorder.record(tick);
            samplesRecorded = recorder.samples();
            if (histograms != null) {
                histograms.onJvmAnswered(session); // a tick is a JVM sample: the target answers over JMX
            }
        } else if (timed.event() instanceof ChannelzUpdate update) {
            recorder.record(update);
        }
    }

    private void printProgress(Recorder recorder, Duration elapsed) {
        StringBuilder line = new StringBuilder("streamscope: ")
                .append(describe(elapsed))
                .append(" of ")
                .append(describe(options.duration()))
                .append(" elapsed · ")
                .append(recorder.samples())
                .append(" samples");
        JvmSample sample = recorder.lastSample();
        if (sample != null) {
            line.append(String.format(" · heap %.1f MiB", sample.heap().used() / (1024.0 * 1024.0)));
        }
        ChannelzSnapshot snapshot = recorder.lastSnapshot();
        if (snapshot != null) {
            line.append(" · open streams ")
                    .append(snapshot.totals().clientOpenStreams()
                            + snapshot.totals().serverOpenStreams());
        }
        var summary = StreamsReports.of(recorder.streams()).summary();
        if (summary.overdueMin() != null) {
            line.append(" · overdue ").append(summary.overdueMin());
            if (!summary.overdueMin().equals(summary.overdueMax())) {
                line.append("..").append(summary.overdueMax());
            }
        }
        List<GrowingConnection> growing = recorder.streams().growing();
        if (!growing.isEmpty()) {
            line.append(" · growing ")
                    .append(growing.get(0).summary())
                    .append(" on ")
                    .append(growing.get(0).socket());
            if (growing.size() > 1) {
                line.append(" and ").append(growing.size() - 1).append(" more connections");
            }
        }
        line.append(" · ").append(recorder.state().name().toLowerCase(Locale.ROOT));
        if (recorder.waitingReason() != null) {
            line.append(": ").append(recorder.waitingReason()).append(" (Ctrl+C ends the capture)");
        }
        progress.println(line);
    }

    private static String describe(Duration duration) {
        return dev.streamscope.app.base.DurationText.age(duration);
    }
}
