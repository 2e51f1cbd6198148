package dev.streamscope.app.ui.target;

import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.chart.ChartLook;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.LiveRecording.ThreadSampling;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.streams.StreamGrowth;
import dev.streamscope.app.ui.TaskRunner;
import dev.streamscope.app.ui.channelz.ChannelzViewModel;
import dev.streamscope.app.ui.histogram.HistogramViewModel;
import dev.streamscope.app.ui.streams.StreamsViewModel;
import dev.streamscope.app.ui.threads.ThreadsViewModel;
import dev.streamscope.app.watch.TabWatch;
import dev.streamscope.app.watch.WatchOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One target's tab: projects its {@link LiveRecording} onto properties, charts, the streams view and the channelz tree.
 * Lives on the FX thread; it records nothing: the recording does, on its own thread, and hands over one view at a time.
 */
public final class TargetViewModel {

    private final LiveRecording recording;
    private final TargetCharts charts;
    private final TargetFiles files;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<TargetState> state = new ReadOnlyObjectWrapper<>(TargetState.CONNECTING);
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper identityText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper costText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connectionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper samples = new ReadOnlyLongWrapper();
    private final ChannelzViewModel channelz = new ChannelzViewModel();
    private final StreamsViewModel streams = new StreamsViewModel();
    private final HistogramViewModel histogram;
    private final ThreadsViewModel threads;
    private final ObjectProperty<LifetimePolicy> lifetime = new SimpleObjectProperty<>(LifetimePolicy.DEFAULT);
    private final ObjectProperty<Duration> trendWindow = new SimpleObjectProperty<>(StreamGrowth.DEFAULT_WINDOW);
    private final BooleanProperty streamsWatched = new SimpleBooleanProperty();
    private final BooleanProperty watching = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper watchText = new ReadOnlyStringWrapper("");
    private final TaskRunner tasks;
    private final Supplier<Settings> settings;
    private final Consumer<String> notices;
    /** Null for a recording opened from a folder. */
    private final TabWatch watch;

    private TargetSpec spec;
    private RecordingView view;

    public TargetViewModel(
            String title,
            LiveRecording recording,
            TaskRunner tasks,
            Supplier<Settings> settings,
            Consumer<String> notices,
            Supplier<ChartLook> chartLook) {
        this.title.set(title);
        this.recording = recording;
        this.tasks = tasks;
        this.settings = settings;
        this.notices = notices;
        this.charts = new TargetCharts(recording);
        this.files = new TargetFiles(
                recording, tasks, settings, notices, charts.windowProperty()::get, charts::end, chartLook);
        this.histogram = new HistogramViewModel(
                this.title.getReadOnlyProperty(),
                recording::takeHistogram,
                tasks,
                recording.readOnly()
                        ? "a recording from a folder cannot take one"
                        : recording.hasJvm() ? null : "channelz only: a histogram needs the JVM over JMX");
        this.threads = new ThreadsViewModel(
                this.title.getReadOnlyProperty(),
                new ThreadsViewModel.Sampler() {
                    @Override
                    public void setSampling(boolean on) {
                        recording.setThreadSampling(ThreadSampling.PAGE, on);
                    }

                    @Override
                    public CompletableFuture<?> sampleNow() {
                        return recording.sampleThreads();
                    }
                },
                tasks,
                recording.readOnly()
                        ? "a recording from a folder holds its last dump only"
                        : recording.hasJvm() ? null : "channelz only: thread dumps need the JVM over JMX",
                recording.openedFrom() == null ? null : recording.openedFrom().threadDump());
        recording.setListener(new ViewHandoff(tasks, this::show));
        recording.setLifetime(lifetime.get()); // the window's settings from the start; bindings change them later
        recording.setTrendWindow(trendWindow.get());
        trendWindow.addListener((observable, before, now) -> recording.setTrendWindow(now));
        lifetime.addListener((observable, before, policy) -> recording.setLifetime(policy));
        streamsWatched.addListener((observable, before, watched) -> recording.setStreamRows(
                watched ? BridgeStreams.DEFAULT_OLDEST_LIMIT : TargetSession.STREAM_ROWS_UNWATCHED));
        this.watch = recording.readOnly()
                ? null
                : new TabWatch(recording, this::watchOptions, this::watchSaid, Clock.systemUTC());
        watching.addListener((observable, before, on) -> applyWatching());
        show(recording.latest());
    }

    /**
     * Whether this tab watches for a leak starting and saves an incident folder when one does, as
     * {@code --headless --watch} does; off by default, remembered per target by the window.
     */
    public BooleanProperty watchingProperty() {
        return watching;
    }

    /** What the watch did last: "Watch: wrote /home/me/incident-growing-… (1.5 MiB; …)", or "". */
    public ReadOnlyStringProperty watchTextProperty() {
        return watchText.getReadOnlyProperty();
    }

    /** Whether this tab can watch and save incidents: a live target, not a recording from a folder. */
    public boolean canWatch() {
        return watch != null;
    }

    /** Writes an incident folder at once into the export folder; the status line says where, or why not. */
    public void saveIncidentNow() {
        if (watch == null || spec == null) {
            notices.accept("Save incident: " + title.get() + " "
                    + (watch == null ? "is a recording from a folder" : "has not connected yet")
                    + "; an incident folder needs a live target.");
            return;
        }
        notices.accept("Saving an incident folder of " + title.get() + " (histogram, thread dump, recording)…");
        watch.saveNow()
                .whenComplete((folder, failure) -> tasks.onUiThread(() -> notices.accept(
                        failure == null
                                ? "Saved the incident folder " + folder
                                : "Save incident failed: " + TargetFiles.messageOf(failure))));
    }

    /** Runs on the FX thread, where the window's settings and this tab's lifetimes are read. */
    private WatchOptions watchOptions() {
        Path out = settings.get().exportFolderOrHome();
        return WatchOptions.forTab(
                spec, recording.interval(), recording.timeouts(), out, lifetime.get(), trendWindow.get());
    }

    /** From the watch's thread: a line for the status line and the tab's header. */
    private void watchSaid(String line) {
        tasks.onUiThread(() -> {
            String text = "Watch: " + line;
            watchText.set(text);
            notices.accept(title.get() + ": " + text);
        });
    }

    /** A target starts being watched once it has a spec: the demo gets its own only when it has started. */
    private void applyWatching() {
        if (watch != null && spec != null) {
            watch.setOn(watching.get());
            watchText.set(
                    watching.get()
                            ? "Watching for a leak starting; incident folders go to "
                                    + settings.get().exportFolderOrHome()
                            : "");
        }
    }

    /** Whether the tab is on screen: a hidden tab records but does not redraw its charts. */
    public BooleanProperty shownProperty() {
        return charts.shownProperty();
    }

    /** The recording this tab shows, read from a folder; null for a live target. */
    public SavedRecording savedRecording() {
        return recording.openedFrom();
    }

    /** True for a recording opened from a folder: nothing to connect, retry or pause. */
    public boolean readOnly() {
        return recording.readOnly();
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
    /** How the connection was routed when the user should know (through a tunnel), else empty. */
    public ReadOnlyStringProperty connectionNoteProperty() {
        return connectionNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costTextProperty() {
        return costText.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return charts.windowProperty();
    }

    /** While paused the charts hold still; sampling and history go on. */
    public BooleanProperty pausedProperty() {
        return charts.pausedProperty();
    }

    public List<LiveChart> charts() {
        return charts.all();
    }

    public StreamsViewModel streams() {
        return streams;
    }

    /** This target's class histograms. */
    public HistogramViewModel histogram() {
        return histogram;
    }

    /** This target's threads: pools, findings, stacks. */
    public ThreadsViewModel threads() {
        return threads;
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

    public TargetSpec spec() {
        return spec;
    }

    public boolean hasJvm() {
        return recording.hasJvm();
    }

    public boolean hasChannelz() {
        return recording.hasChannelz();
    }

    /** The Channelz tab: the live tree and how its refreshes go. */
    public ChannelzViewModel channelz() {
        return channelz;
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

    /** Starts recording the target; its first state change arrives on the FX thread. */
    public void connect() {
        if (spec != null && !readOnly()) {
            showStarting("Connecting to " + spec.describe() + "…");
            recording.start(spec);
            applyWatching();
        }
    }

    /** Tries a failed target again, keeping its history. */
    public void retry() {
        recording.retry();
    }

    /** Ends the recording's session; returns at once. */
    public void close() {
        if (watch != null) {
            watch.close(); // writes the incidents still open with what the recording holds
        }
        recording.close();
    }

    /** Save recording and chart export. */
    public TargetFiles files() {
        return files;
    }

    /** Whether there is anything to save: a sample or a channelz tree. */
    public boolean hasRecorded() {
        return !view.nothingRecorded() || readOnly();
    }

    /** One hand-off: the newest view decides everything the tab shows. */
    private void show(RecordingView next) {
        RecordingView before = view;
        view = next;
        if (watch != null) {
            watch.viewArrived();
        }
        boolean ticked = before == null || next.samples() != before.samples();
        boolean refreshed = before == null || next.lastChannelz() != before.lastChannelz();
        if (ticked && next.lastSample() != null) {
            samples.set(next.samples());
            identityText.set(
                    HeaderText.identity(next.identity(), next.lastSample().uptimeMillis()));
            costText.set(HeaderText.cost(next.meanTickCost()));
        }
        if (refreshed) {
            channelz.show(next.lastChannelz(), next.lastSnapshot(), readOnly());
        }
        if (ticked || refreshed) {
            streams.show(next.streams(), readOnly() ? charts.end() : System.currentTimeMillis());
        }
        if (before == null || !next.statusMessage().equals(before.statusMessage()) || next.state() != before.state()) {
            // the message first: whoever watches the state reads the message that goes with it
            statusMessage.set(next.statusMessage());
            state.set(next.state());
        }
        connectionNote.set(next.connectionNote());
        threads.show(next.threads()); // a new report only when a dump was applied; the same one is ignored
        threads.showProblem(next.threadProblem());
        charts.onView(next.lastSampleEpochMillis(), ticked, refreshed);
    }

    void refreshCharts() {
        charts.refresh();
    }
}
