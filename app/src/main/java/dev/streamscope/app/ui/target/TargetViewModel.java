package dev.streamscope.app.ui.target;

import dev.streamscope.app.archive.RecordingWriter;
import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.chart.RecordingCharts;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.jmx.sample.JvmIdentity;
import dev.streamscope.app.jmx.sample.JvmSample;
import dev.streamscope.app.jmx.sample.PollCost;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.recording.Recorder;
import dev.streamscope.app.recording.StreamsReport;
import dev.streamscope.app.recording.StreamsReports;
import dev.streamscope.app.recording.Summaries;
import dev.streamscope.app.recording.Summary;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.streams.StreamGrowth;
import dev.streamscope.app.ui.TaskRunner;
import dev.streamscope.app.ui.histogram.HistogramViewModel;
import dev.streamscope.app.ui.streams.StreamsViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One target's tab: its session's state in words and the window's projection of its {@link Recorder} (charts, streams,
 * channelz tree). Lives on the FX thread; the session's output reaches it through a {@link SessionHandoff}, once per
 * batch of ticks. A recording opened from a folder uses the same tab with no session: read-only.
 */
public final class TargetViewModel {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TaskRunner tasks;
    private final JvmConnector connector;
    private final Timeouts timeouts;
    private final Duration interval;
    private final Supplier<Settings> settings;
    private final Consumer<String> notices;
    private final Recorder recorder;
    private final List<LiveChart> charts;
    private final ChartPacing pacing;
    private final boolean hasJvm;
    private final boolean hasChannelz;
    /** For a recording opened from a folder: its end, which the charts' time window ends at; else null (now). */
    private final Long fixedEndEpochMillis;

    private final Instant recordingStart = Instant.now();

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<TargetState> state = new ReadOnlyObjectWrapper<>(TargetState.CONNECTING);
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper identityText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper costText = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper samples = new ReadOnlyLongWrapper();
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.FIFTEEN_MINUTES);
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<ChannelzSnapshot> channelzSnapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper channelzStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper channelzFailing = new ReadOnlyBooleanWrapper();
    private final StreamsViewModel streams;
    private final HistogramViewModel histogram;
    private final ObjectProperty<LifetimePolicy> lifetime = new SimpleObjectProperty<>(LifetimePolicy.DEFAULT);
    private final ObjectProperty<Duration> trendWindow = new SimpleObjectProperty<>(StreamGrowth.DEFAULT_WINDOW);
    private final BooleanProperty streamsWatched = new SimpleBooleanProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty(true);

    private TargetSpec spec;
    private TargetSession session;
    private SavedRecording saved;

    /**
     * @param hasJvm whether the target will have a JVM side (JMX); decides which charts it shows
     * @param hasChannelz whether it will have a channelz side
     */
    public TargetViewModel(
            String title,
            boolean hasJvm,
            boolean hasChannelz,
            TaskRunner tasks,
            JvmConnector connector,
            Timeouts timeouts,
            Duration interval,
            Supplier<Settings> settings,
            Consumer<String> notices) {
        this.title.set(title);
        this.settings = settings;
        this.notices = notices;
        this.tasks = tasks;
        this.connector = connector;
        this.timeouts = timeouts;
        this.interval = interval;
        this.hasJvm = hasJvm;
        this.hasChannelz = hasChannelz;
        this.recorder = new Recorder(title, hasJvm, hasChannelz);
        this.fixedEndEpochMillis = null;
        this.charts = RecordingCharts.of(recorder);
        this.pacing = new ChartPacing(interval);
        this.streams = new StreamsViewModel();
        this.histogram = new HistogramViewModel(
                this.title.getReadOnlyProperty(),
                this::takeHistogram,
                tasks,
                hasJvm ? null : "channelz only: a histogram needs the JVM over JMX");
        trendWindow.addListener((observable, before, window) -> recorder.setTrendWindow(window));
        lifetime.addListener((observable, before, policy) -> {
            recorder.setLifetime(policy);
            if (session != null) {
                session.setLifetime(policy);
            }
        });
        listenToViewSettings();
    }

    /** A read-only tab for a recording read from a folder: the same charts, streams and channelz tree, no session. */
    public TargetViewModel(
            SavedRecording saved, Supplier<Settings> settings, Consumer<String> notices, TaskRunner tasks) {
        this.title.set("Recording: " + saved.target());
        this.settings = settings;
        this.notices = notices;
        this.tasks = tasks;
        this.connector = null;
        this.timeouts = null;
        this.interval = Duration.ofMillis(Math.max(1, saved.summary().window().intervalMillis()));
        this.hasJvm = saved.hasJvm();
        this.hasChannelz = saved.hasChannelz();
        this.saved = saved;
        this.recorder = new Recorder(saved.target(), hasJvm, hasChannelz, saved.store());
        Summary.Heap heap = saved.summary().heap();
        recorder.restore(saved.streams(), saved.channelz(), heap == null ? null : heap.oldGenMaxBytes());
        this.fixedEndEpochMillis = Instant.parse(saved.summary().window().end()).toEpochMilli();
        this.charts = RecordingCharts.of(recorder);
        this.pacing = new ChartPacing(interval);
        this.streams = new StreamsViewModel();
        this.histogram = new HistogramViewModel(
                this.title.getReadOnlyProperty(),
                (mode, deadline) -> CompletableFuture.failedFuture(new IllegalStateException("a recording")),
                tasks,
                "a recording from a folder cannot take one");
        streams.show(recorder.streams(), fixedEndEpochMillis);
        channelzSnapshot.set(saved.channelz());
        channelzStatus.set(
                saved.channelz() == null
                        ? "The recording holds no channelz tree."
                        : "The last tree of the recording, taken "
                                + saved.channelz().takenAt());
        statusMessage.set(saved.describe() + " · read-only");
        state.set(TargetState.STOPPED);
        listenToViewSettings();
    }

    private void listenToViewSettings() {
        streamsWatched.addListener((observable, before, watched) -> {
            if (session != null) {
                session.setStreamRows(streamRows());
            }
        });
        window.addListener((observable, before, now) -> refreshCharts());
        paused.addListener((observable, wasPaused, isPaused) -> {
            if (!isPaused) {
                refreshCharts();
            }
        });
        shown.addListener((observable, wasShown, isShown) -> {
            if (isShown) {
                refreshCharts();
            }
        });
    }

    /** Whether the tab is on screen: a hidden tab records but does not redraw its charts. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The recording this tab shows, read from a folder; null for a live target. */
    public SavedRecording savedRecording() {
        return saved;
    }

    /** True for a recording opened from a folder: nothing to connect, retry or pause. */
    public boolean readOnly() {
        return fixedEndEpochMillis != null;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TargetState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the state means and, on failure, what to do next. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** "pid@host · OpenJDK 64-Bit Server VM 17.0.15 · up 4 min 12 s". */
    public ReadOnlyStringProperty identityTextProperty() {
        return identityText.getReadOnlyProperty();
    }

    /** What a poll costs the target, averaged: "≈ 6 JMX round trips, 4.0 KiB per tick (mean of the last 10)". */
    public ReadOnlyStringProperty costTextProperty() {
        return costText.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    /** While paused the charts hold still; sampling and history go on. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    public List<LiveChart> charts() {
        return charts;
    }

    public StreamsViewModel streams() {
        return streams;
    }

    /** This target's class histograms. */
    public HistogramViewModel histogram() {
        return histogram;
    }

    private CompletableFuture<HeapHistogram> takeHistogram(HistogramMode mode, Duration deadline) {
        if (session == null) {
            return CompletableFuture.failedFuture(new TargetProblem(
                    TargetProblem.Kind.OTHER,
                    title.get() + " is not connected yet; take the histogram once it is connected."));
        }
        return session.takeHistogram(mode, deadline);
    }

    /** Over how long open streams must climb to count as growing; bound to the window's setting. */
    public ObjectProperty<Duration> trendWindowProperty() {
        return trendWindow;
    }

    /** The stream lifetimes this target is judged by; bound to the window's setting. */
    public ObjectProperty<LifetimePolicy> lifetimeProperty() {
        return lifetime;
    }

    /** True while the Streams tab is shown: only then does a tick fetch the full table of oldest streams. */
    public BooleanProperty streamsWatchedProperty() {
        return streamsWatched;
    }

    private int streamRows() {
        return streamsWatched.get() ? BridgeStreams.DEFAULT_OLDEST_LIMIT : TargetSession.STREAM_ROWS_UNWATCHED;
    }

    public TargetSpec spec() {
        return spec;
    }

    public boolean hasJvm() {
        return hasJvm;
    }

    public boolean hasChannelz() {
        return hasChannelz;
    }

    /** The latest channelz tree, or null before the first refresh. */
    public ReadOnlyObjectProperty<ChannelzSnapshot> channelzSnapshotProperty() {
        return channelzSnapshot.getReadOnlyProperty();
    }

    /** "Refreshed 09:45:01 · 212 calls in 38 ms", or what went wrong with channelz. */
    public ReadOnlyStringProperty channelzStatusProperty() {
        return channelzStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty channelzFailingProperty() {
        return channelzFailing.getReadOnlyProperty();
    }

    public void setSpec(TargetSpec newSpec) {
        this.spec = newSpec;
    }

    public void showStarting(String message) {
        statusMessage.set(message);
        state.set(TargetState.CONNECTING);
    }

    public void showFailed(String message) {
        statusMessage.set(message);
        state.set(TargetState.FAILED);
    }

    /** Starts this target's session; its first state change arrives on the FX thread. */
    public void connect() {
        if (spec == null || session != null || readOnly()) {
            return;
        }
        SessionHandoff handoff = new SessionHandoff(tasks, this::apply);
        session = new TargetSession(spec, connector, timeouts, interval, handoff);
        session.setLifetime(lifetime.get());
        session.setStreamRows(streamRows());
        statusMessage.set("Connecting to " + spec.describe() + "…");
        state.set(TargetState.CONNECTING);
        session.start();
    }

    /** Tries a failed target again, keeping its history. */
    public void retry() {
        if (readOnly()) {
            return;
        }
        if (session != null) {
            session.retry();
        } else {
            connect();
        }
    }

    /** Ends the session; returns at once (the session closes its connections on its own thread). */
    public void close() {
        if (session != null) {
            session.close();
        }
    }

    /** Whether there is anything to save: a sample or a channelz tree. */
    public boolean hasRecorded() {
        return !recorder.nothingRecorded() || readOnly();
    }

    /**
     * Saves what this tab has recorded since it connected as a recording folder inside {@code parent}, in the format
     * a headless capture writes; never over an earlier folder. Charts are drawn here (they belong to the FX thread),
     * files are written in the background.
     */
    public void saveRecording(Path parent) {
        Instant end = Instant.now();
        StreamsReport report = StreamsReports.of(recorder.streams());
        Summary summary = Summaries.summarize(
                recorder,
                spec == null || spec.jmx() == null ? null : spec.jmx().address(),
                spec == null || spec.channelz() == null
                        ? null
                        : spec.channelz().address().authority(),
                recordingStart,
                end,
                interval,
                report,
                List.of());
        RecordingWriter.Prepared prepared =
                RecordingWriter.prepare(recorder, charts, end.toEpochMilli(), report, summary);
        refreshCharts(); // prepare drew the whole history; the window shows its time window again
        String name = "recording-" + fileSafe(title.get()) + "-" + PngExporter.fileTime(end);
        tasks.background(
                () -> prepared.writeNew(parent, name),
                folder -> notices.accept("Saved the recording to " + folder),
                failure -> notices.accept("Saving the recording failed: " + failure.getMessage()));
    }

    private static String fileSafe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** Where the last export went, for the file chooser. */
    public Path exportFolder() {
        String folder = settings.get().exportFolder();
        return folder.isEmpty() ? Path.of(System.getProperty("user.home")) : Path.of(folder);
    }

    public int exportWidth() {
        return settings.get().exportWidth();
    }

    public int exportHeight() {
        return settings.get().exportHeight();
    }

    /**
     * Exports one chart as PNG: drawn from the chart's data at the given size on the FX thread (the chart belongs to
     * it, and a draw costs milliseconds), encoded and written atomically in the background.
     */
    public void exportChart(LiveChart chart, Path file, int width, int height) {
        refreshForExport(chart, width);
        BufferedImage image = PngExporter.render(chart.chart(), width, height);
        tasks.background(
                () -> {
                    PngExporter.writeImage(image, file);
                    return file;
                },
                written -> notices.accept("Exported " + written),
                failure -> notices.accept("Export failed: " + failure.getMessage()));
    }

    /** Exports every chart into {@code folder} with timestamped names. */
    public void exportAll(Path folder, int width, int height) {
        Instant now = Instant.now();
        List<PngExporter.RenderedChart> rendered = new ArrayList<>();
        for (LiveChart chart : charts()) {
            refreshForExport(chart, width);
            rendered.add(new PngExporter.RenderedChart(
                    PngExporter.fileName(chart.id(), now), PngExporter.render(chart.chart(), width, height)));
        }
        refreshCharts();
        tasks.background(
                () -> PngExporter.writeAll(rendered, folder),
                written -> notices.accept("Exported " + written.size() + " charts to " + folder),
                failure -> notices.accept("Export failed: " + failure.getMessage()));
    }

    private void refreshForExport(LiveChart chart, int width) {
        chart.refresh(window.get(), chartsEnd(), width);
    }

    /** Where the charts' time window ends: now, the last sample while paused, or a recording's end. */
    private long chartsEnd() {
        if (fixedEndEpochMillis != null) {
            return fixedEndEpochMillis;
        }
        return paused.get() ? recorder.lastSampleEpochMillis() : System.currentTimeMillis();
    }

    private void apply(SessionHandoff.Batch batch) {
        List<TargetTick> ticks = batch.ticks();
        TargetStatus status = batch.status();
        for (TargetTick tick : ticks) {
            recorder.record(tick);
        }
        for (ChannelzUpdate update : batch.channelz()) {
            recorder.record(update);
        }
        if (status != null) {
            recorder.record(status, Instant.now());
        }
        showLatest(ticks.isEmpty() ? null : ticks.get(ticks.size() - 1), batch.channelz());
        if (status != null) {
            // the message first: whoever watches the state reads the message that goes with it
            statusMessage.set(status.message());
            state.set(status.state());
        }
        if (pacing.redraw(!ticks.isEmpty(), !batch.channelz().isEmpty(), System.nanoTime())) {
            refreshCharts();
        }
    }

    /** Once per hand-off, whatever the batch's size: the latest tick and refresh decide what the tab shows. */
    private void showLatest(TargetTick lastTick, List<ChannelzUpdate> refreshes) {
        if (lastTick != null) {
            samples.set(recorder.samples());
            identityText.set(describe(lastTick.identity(), lastTick.sample()));
            costText.set(describe(recorder.meanTickCost()));
        }
        if (!refreshes.isEmpty()) {
            ChannelzUpdate update = refreshes.get(refreshes.size() - 1);
            if (update.succeeded()) {
                ChannelzSnapshot snapshot = update.snapshot();
                channelzSnapshot.set(snapshot);
                channelzFailing.set(false);
                channelzStatus.set(String.format(
                        "Refreshed %s · %d channelz calls in %d ms%s",
                        CLOCK.format(snapshot.takenAt()),
                        snapshot.remoteCalls(),
                        snapshot.walkDuration().toMillis(),
                        snapshot.vanished() > 0 ? " · " + snapshot.vanished() + " closed during the walk" : ""));
            } else {
                channelzFailing.set(true);
                channelzStatus.set(update.problem().getMessage());
            }
        }
        if (lastTick != null || !refreshes.isEmpty()) {
            streams.show(recorder.streams(), System.currentTimeMillis());
        }
    }

    void refreshCharts() {
        if ((!paused.get() || readOnly()) && shown.get()) {
            long end = chartsEnd();
            for (LiveChart chart : charts) {
                chart.refresh(window.get(), end, LiveChart.DEFAULT_PLOT_WIDTH);
            }
        }
    }

    private static String describe(JvmIdentity identity, JvmSample sample) {
        return identity.name() + " · " + identity.vmName() + " " + identity.vmVersion() + " · up "
                + DurationText.age(Duration.ofMillis(sample.uptimeMillis()));
    }

    private static String describe(PollCost cost) {
        if (cost.roundTrips() == 0) {
            return "";
        }
        long bytes = cost.bytesSent() + cost.bytesReceived();
        String traffic = bytes == 0 ? "" : String.format(", %.1f KiB", bytes / 1024.0);
        return "≈ " + cost.roundTrips() + " JMX round trips" + traffic + " per tick (mean of the last 10)";
    }
}
