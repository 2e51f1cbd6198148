package dev.streamscope.app.live;

import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.base.FileNames;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.chart.ChartLook;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.chart.RecordingCharts;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.HistogramPair;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsReport;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.recording.Verdict;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.SessionListener;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.threads.ThreadReport;
import dev.streamscope.app.threads.ThreadRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One target's recording: owns its {@link TargetSession} and its {@link Recorder}, and applies the session's output to
 * the recorder on its own thread, in arrival order, each event with the time it arrived. The window's tab and the
 * headless capture are projections of it: both receive a {@link RecordingView} after each applied batch, and both
 * save through {@link #saveInto} / {@link #saveNew}. Needs no JavaFX. A recording opened from a folder is one with no
 * session ({@link #opened}).
 *
 * <p>The recorder is written on the recording thread only, holding a lock; the window's charts read it through
 * {@link #tryRead}, which never waits.
 */
public final class LiveRecording implements AutoCloseable {

    /** Far more than the recording thread falls behind by; a bound, so a stalled thread cannot grow memory. */
    static final int MAX_QUEUED = 10_000;

    /** Receives a view after each applied batch, on the recording thread: must not block. */
    public interface Listener {
        void onView(RecordingView view);
    }

    /** What a save wrote. */
    public record Saved(Path folder, List<Path> files, Summary summary, Verdict verdict) {}

    private record Timed(Instant at, Object event) {}

    private final String name;
    private final JvmConnector connector;
    private final Timeouts timeouts;
    private final Duration interval;
    private final Recorder recorder;
    private final Instant start;
    /** The folder's recording this one was opened from; null while live. */
    private final SavedRecording openedFrom;
    /** Where an opened recording ended; null while live. */
    private final Instant fixedEnd;

    private final ReentrantLock lock = new ReentrantLock();
    /** One thread at most, and none while idle: a closed tab leaves no thread behind. */
    private final ThreadPoolExecutor thread;

    private final BlockingQueue<Timed> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final HistogramLog histograms = new HistogramLog();

    private volatile Listener listener = view -> {};
    private volatile RecordingView latest;
    private volatile TargetSession session;
    private volatile LifetimePolicy lifetime;
    private volatile int streamRows = TargetSession.STREAM_ROWS_UNWATCHED;
    private volatile boolean waitForFirstConnection;
    /** Written on the recording thread only, like the recorder. */
    private ChannelzUpdate lastChannelz;

    private TargetState lastState;
    /** How much history a rolling recording keeps; null keeps all its rings hold. */
    private Duration keep;

    /** A thread dump may take this many call deadlines: thousands of threads are a big reply. */
    private static final int THREAD_DUMP_DEADLINE_CALLS = 4;

    private final ThreadSampler threadSampler =
            new ThreadSampler(this::sampleThreads, () -> onRecordingThread(() -> {}));
    /** The dump under way, or the last one; guarded by this. */
    private CompletableFuture<ThreadReport> threadDumpInFlight;

    /**
     * @param name how the target is named in notes and files
     * @param hasJvm whether the target has a JVM side (JMX)
     * @param hasChannelz whether it has a channelz side
     */
    public LiveRecording(
            String name,
            boolean hasJvm,
            boolean hasChannelz,
            JvmConnector connector,
            Timeouts timeouts,
            Duration interval) {
        this(name, new Recorder(name, hasJvm, hasChannelz), connector, timeouts, interval, Instant.now(), null, null);
        this.latest = view(TargetState.CONNECTING, "");
    }

    /**
     * A recording that keeps only the last {@code keep} of history, in rings sized for it: a watch's, which runs for
     * days. What it saves starts {@code keep} before the save at the earliest.
     */
    public static LiveRecording rolling(
            String name,
            boolean hasJvm,
            boolean hasChannelz,
            JvmConnector connector,
            Timeouts timeouts,
            Duration interval,
            Duration keep) {
        LiveRecording rolling = new LiveRecording(
                name,
                new Recorder(name, hasJvm, hasChannelz, SeriesStore.rolling(keep, interval)),
                connector,
                timeouts,
                interval,
                Instant.now(),
                null,
                null);
        rolling.keep = keep;
        rolling.latest = rolling.view(TargetState.CONNECTING, "");
        return rolling;
    }

    private LiveRecording(
            String name,
            Recorder recorder,
            JvmConnector connector,
            Timeouts timeouts,
            Duration interval,
            Instant start,
            Instant fixedEnd,
            SavedRecording openedFrom) {
        this.name = Objects.requireNonNull(name, "name");
        this.recorder = recorder;
        this.connector = connector;
        this.timeouts = timeouts;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.start = start;
        this.fixedEnd = fixedEnd;
        this.openedFrom = openedFrom;
        this.thread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread created = new Thread(runnable, "streamscope-recording-" + name);
            created.setDaemon(true);
            return created;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /** A recording read from a folder: the same charts, streams and tree, no session, nothing more to record. */
    public static LiveRecording opened(SavedRecording saved) {
        Recorder recorder = new Recorder(saved.target(), saved.hasJvm(), saved.hasChannelz(), saved.store());
        Summary summary = saved.summary();
        recorder.restore(
                saved.streams(),
                saved.channelz(),
                summary.heap() == null ? null : summary.heap().oldGenMaxBytes());
        LiveRecording opened = new LiveRecording(
                saved.target(),
                recorder,
                null,
                null,
                Duration.ofMillis(Math.max(1, summary.window().intervalMillis())),
                Instant.parse(summary.window().start()),
                Instant.parse(summary.window().end()),
                saved);
        if (saved.threads() != null) {
            recorder.restoreThreads(saved.threads().report());
        }
        opened.latest = opened.view(TargetState.STOPPED, saved.describe() + " · read-only");
        return opened;
    }

    public String name() {
        return name;
    }

    public boolean hasJvm() {
        return recorder.hasJvm();
    }

    public boolean hasChannelz() {
        return recorder.hasChannelz();
    }

    public Duration interval() {
        return interval;
    }

    /** The deadlines its session works under. */
    public Timeouts timeouts() {
        return timeouts;
    }

    /** True for a recording opened from a folder. */
    public boolean readOnly() {
        return fixedEnd != null;
    }

    /** The folder's recording this one was opened from, or null while live. */
    public SavedRecording openedFrom() {
        return openedFrom;
    }

    /** Where an opened recording ends, or null while live. */
    public Instant fixedEnd() {
        return fixedEnd;
    }

    /** The view after the latest applied batch; any thread. */
    public RecordingView latest() {
        return latest;
    }

    /** Who receives the views; set before {@link #start}. */
    public void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts recording {@code spec}; returns at once. Does nothing when started already or read-only. */
    public synchronized void start(TargetSpec spec) {
        if (session != null || readOnly()) {
            return;
        }
        TargetSession started = new TargetSession(spec, connector, timeouts, interval, new Events());
        started.setLifetime(lifetime);
        started.setStreamRows(streamRows);
        started.setWaitForFirstConnection(waitForFirstConnection);
        session = started;
        started.start();
    }

    /** Tries a failed target again, keeping the history. */
    public void retry() {
        TargetSession current = session;
        if (current != null) {
            current.retry();
        }
    }

    /** Ends the session; returns at once. What it sent before it closed is still recorded, and can still be saved. */
    @Override
    public void close() {
        threadSampler.stop();
        TargetSession current = session;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Whether a first connection that fails in a way that may pass (refused, no answer yet) is retried instead of
     * failing: on for captures, off for the window. Set before {@link #start}.
     */
    public void setWaitForFirstConnection(boolean wait) {
        this.waitForFirstConnection = wait;
    }

    /** How many of the oldest streams each tick reads from the bridge. Any thread. */
    public void setStreamRows(int rows) {
        streamRows = rows;
        TargetSession current = session;
        if (current != null) {
            current.setStreamRows(rows);
        }
    }

    /** The user's lifetimes, or null for the service's own; the session and the analysis both use them. Any thread. */
    public void setLifetime(LifetimePolicy policy) {
        lifetime = policy;
        TargetSession current = session;
        if (current != null) {
            current.setLifetime(policy);
        }
        onRecordingThread(() -> recorder.setLifetime(policy));
    }

    /** Over how long open streams must climb to count as growing. Any thread. */
    public void setTrendWindow(Duration window) {
        onRecordingThread(() -> recorder.setTrendWindow(window));
    }

    /**
     * Runs {@code reader} with the recorder held still, unless the recording thread is applying a batch right now:
     * then returns false at once, and the view that batch publishes comes soon after. For the FX thread.
     */
    public boolean tryRead(Consumer<Recorder> reader) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            reader.accept(recorder);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A new set of charts reading this recording; refresh them through {@link #tryRead}. */
    public List<LiveChart> charts() {
        return RecordingCharts.of(recorder); // builds only: no chart reads the store before its first refresh
    }

    /**
     * Takes a class histogram of the target; kept for the saved recording. Fails at once when not connected.
     */
    public CompletableFuture<HeapHistogram> takeHistogram(HistogramMode mode, Duration deadline) {
        TargetSession current = session;
        if (current == null) {
            return CompletableFuture.failedFuture(new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    name + " is not connected yet; take the histogram once it is connected."));
        }
        return current.takeHistogram(mode, deadline).whenComplete((histogram, failure) -> {
            if (histogram != null) {
                histograms.add(histogram);
            }
        });
    }

    /**
     * Dumps the target's threads once and applies the dump to the thread rules on the recording thread, which then
     * publishes a view; for "dump now" and for the sampling loop. Asked while a dump is under way, it joins that one.
     * Fails at once when not connected.
     */
    public synchronized CompletableFuture<ThreadReport> sampleThreads() {
        CompletableFuture<ThreadReport> running = threadDumpInFlight;
        if (running != null && !running.isDone()) {
            return running;
        }
        TargetSession current = session;
        if (current == null || readOnly()) {
            return CompletableFuture.failedFuture(new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    readOnly()
                            ? name + " is a saved recording: its last thread dump is all there is."
                            : name + " is not connected yet; dump its threads once it is connected."));
        }
        threadDumpInFlight = current.takeThreadDump(timeouts.call().multipliedBy(THREAD_DUMP_DEADLINE_CALLS))
                .thenCompose(dump -> onRecordingThread(() -> recorder.record(dump)));
        return threadDumpInFlight;
    }

    /** Who wants threads sampled: each turns its own want on and off, and sampling runs while any wants it. */
    public enum ThreadSampling {
        /** A Threads page is shown. */
        PAGE,
        /** A watch's threads trigger looks at the findings, shown or not. */
        WATCH,
        /** A capture with --threads. */
        CAPTURE
    }

    /**
     * Samples threads every {@link ThreadRules#SAMPLE_INTERVAL} (after the previous dump ends, so never faster) while
     * any of {@link ThreadSampling} wants it: poll only what is looked at. Any thread.
     */
    public void setThreadSampling(ThreadSampling who, boolean on) {
        if (!readOnly()) {
            threadSampler.want(who, on);
        }
    }

    /** Why the latest thread dump failed, or null when it succeeded. */
    public String threadProblem() {
        return threadSampler.problem();
    }

    /**
     * Writes the recording into a new folder inside {@code parent}, named after the target and the time, never over
     * an earlier one; the histograms taken meanwhile go with it.
     */
    public CompletableFuture<Saved> saveNew(Path parent) {
        return prepare(histograms.pair()).thenApplyAsync(prepared -> {
            String folder = "recording-" + FileNames.safe(name) + "-" + PngExporter.fileTime(prepared.end());
            try {
                Path written = prepared.files().writeNew(parent, folder);
                return new Saved(written, List.of(), prepared.files().summary(), prepared.verdict());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Writes the recording into {@code folder}, prepared empty, and waits for it: the capture's end.
     *
     * @param captured the histograms a capture took, each there or missing with its reason; null for those taken
     *     through this recording
     */
    public Saved saveInto(Path folder, HistogramPair captured) throws IOException, InterruptedException {
        try {
            Prepared prepared =
                    prepare(captured == null ? histograms.pair() : captured).get();
            List<Path> files = prepared.files().writeInto(folder);
            return new Saved(folder, files, prepared.files().summary(), prepared.verdict());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    private record Prepared(Instant end, RecordingWriter.Prepared files, Verdict verdict) {}

    /** Draws and formats the recording as it is now, on the recording thread, with charts of its own. */
    private CompletableFuture<Prepared> prepare(HistogramPair pair) {
        return onRecordingThread(() -> {
            Instant end = fixedEnd != null ? fixedEnd : Instant.now();
            Instant from = keep == null || start.isAfter(end.minus(keep)) ? start : end.minus(keep);
            StreamsReport report = StreamsReports.of(recorder.streams());
            TargetSpec spec = session == null ? null : session.spec();
            List<String> errors = new ArrayList<>();
            if (dropped.get() > 0) {
                errors.add(dropped.get() + " session events were dropped: the recording thread fell behind");
            }
            Summary summary = Summaries.summarize(
                    recorder,
                    spec == null || spec.jmx() == null ? null : spec.jmx().address(),
                    spec == null || spec.channelz() == null
                            ? null
                            : spec.channelz().address().authority(),
                    from,
                    end,
                    interval,
                    report,
                    errors,
                    pair);
            RecordingWriter.Prepared files =
                    RecordingWriter.prepare(recorder, charts(), end.toEpochMilli(), report, summary, pair);
            return new Prepared(end, files, Summaries.verdict(recorder, report));
        });
    }

    /** Exports one chart as PNG over {@code window} ending at {@code endEpochMillis}, in {@code look}. */
    public CompletableFuture<Path> exportChart(
            String id, TimeWindow window, long endEpochMillis, ChartLook look, Path file, int width, int height) {
        return render(List.of(id), window, endEpochMillis, look, width, height).thenApplyAsync(rendered -> {
            try {
                PngExporter.writeImage(rendered.get(0).image(), file);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Exports every chart as PNG into {@code folder}, with timestamped names. */
    public CompletableFuture<List<Path>> exportCharts(
            TimeWindow window, long endEpochMillis, ChartLook look, Path folder, int width, int height) {
        return render(List.of(), window, endEpochMillis, look, width, height).thenApplyAsync(rendered -> {
            try {
                return PngExporter.writeAll(rendered, folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Draws the charts with the ids given (all when empty) on the recording thread, with charts of their own: the
     * window's charts and the FX thread are not involved.
     */
    private CompletableFuture<List<PngExporter.RenderedChart>> render(
            List<String> ids, TimeWindow window, long endEpochMillis, ChartLook look, int width, int height) {
        Instant now = Instant.now();
        return onRecordingThread(() -> {
            List<PngExporter.RenderedChart> rendered = new ArrayList<>();
            for (LiveChart chart : charts()) {
                if (ids.isEmpty() || ids.contains(chart.id())) {
                    look.applyTo(chart.chart());
                    chart.refresh(window, endEpochMillis, width);
                    rendered.add(new PngExporter.RenderedChart(
                            PngExporter.fileName(chart.id(), now), PngExporter.render(chart.chart(), width, height)));
                }
            }
            return rendered;
        });
    }

    private void onRecordingThread(Runnable change) {
        onRecordingThread(() -> {
            change.run();
            return null;
        });
    }

    /** Runs {@code work} on the recording thread holding the lock, then publishes the view. */
    private <T> CompletableFuture<T> onRecordingThread(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            RecordingView view;
            lock.lock();
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                view = publish();
                lock.unlock();
            }
            listener.onView(view);
        });
        return result;
    }

    /** The session's output, on its poller and gRPC threads: stamped and queued, never blocking. */
    private final class Events implements SessionListener {
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
    }

    private void enqueue(Object event) {
        if (!queue.offer(new Timed(Instant.now(), event))) {
            dropped.incrementAndGet();
        }
        if (drainPending.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    /** Applies every queued event in order, then publishes one view for the batch. */
    private void drain() {
        drainPending.set(false);
        List<Timed> batch = new ArrayList<>();
        queue.drainTo(batch);
        if (batch.isEmpty()) {
            return;
        }
        RecordingView view;
        lock.lock();
        try {
            for (Timed timed : batch) {
                apply(timed);
            }
            if (keep != null) {
                recorder.store().dropBefore(Instant.now().minus(keep).toEpochMilli());
            }
            view = publish();
        } finally {
            lock.unlock();
        }
        listener.onView(view);
    }

    private void apply(Timed timed) {
        if (timed.event() instanceof TargetStatus status) {
            recorder.record(status, timed.at());
            lastState = status.state(); // the recorder keeps the state before STOPPED; a tab shows STOPPED
        } else if (timed.event() instanceof TargetTick tick) {
            recorder.record(tick);
        } else if (timed.event() instanceof ChannelzUpdate update) {
            recorder.record(update);
            lastChannelz = update;
        }
    }

    private RecordingView publish() {
        if (!readOnly()) {
            latest = view(lastState == null ? recorder.state() : lastState, recorder.statusMessage());
        } else {
            latest = view(TargetState.STOPPED, latest.statusMessage());
        }
        return latest;
    }

    private RecordingView view(TargetState state, String message) {
        return new RecordingView(
                state,
                message,
                recorder.samples(),
                recorder.channelzSnapshots(),
                recorder.identity(),
                recorder.lastSample(),
                recorder.meanTickCost(),
                lastChannelz,
                recorder.lastSnapshot(),
                recorder.streams(),
                recorder.failed(),
                recorder.waitingReason(),
                recorder.lastProblem(),
                dropped.get(),
                recorder.threads(),
                openedFrom == null ? null : openedFrom.threadDump(),
                threadSampler.problem(),
                recorder.connectionNote());
    }
}
