package dev.streamscope.app.ui;

import dev.streamscope.app.archive.SavedRecording;
import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.PollCost;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.live.RecordingView;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.streams.StreamGrowth;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
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
 * One target's tab: projects its {@link LiveRecording} onto properties, charts, the streams view and the channelz tree.
 * Lives on the FX thread; it records nothing: the recording does, on its own thread, and hands over one view at a time.
 */
public final class TargetViewModel {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final LiveRecording recording;
    private final TaskRunner tasks;
    private final Supplier<Settings> settings;
    private final Consumer<String> notices;
    private final List<LiveChart> charts;
    private final ChartPacing pacing;
    private final SavedRecording saved;

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
    private final StreamsViewModel streams = new StreamsViewModel();
    private final HistogramViewModel histogram;
    private final ObjectProperty<LifetimePolicy> lifetime = new SimpleObjectProperty<>(LifetimePolicy.DEFAULT);
    private final ObjectProperty<Duration> trendWindow = new SimpleObjectProperty<>(StreamGrowth.DEFAULT_WINDOW);
    private final BooleanProperty streamsWatched = new SimpleBooleanProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty(true);

    private TargetSpec spec;
    private RecordingView view;
    /** A redraw found the recording busy: the view that batch publishes redraws. */
    private boolean redrawOwed;

    /**
     * @param saved the folder {@code recording} was read from, or null for a live target
     */
    TargetViewModel(
            String title,
            LiveRecording recording,
            SavedRecording saved,
            TaskRunner tasks,
            Supplier<Settings> settings,
            Consumer<String> notices) {
        this.title.set(title);
        this.recording = recording;
        this.saved = saved;
        this.tasks = tasks;
        this.settings = settings;
        this.notices = notices;
        this.charts = recording.charts();
        this.pacing = new ChartPacing(recording.interval());
        this.histogram = new HistogramViewModel(
                this.title.getReadOnlyProperty(),
                recording::takeHistogram,
                tasks,
                saved != null
                        ? "a recording from a folder cannot take one"
                        : recording.hasJvm() ? null : "channelz only: a histogram needs the JVM over JMX");
        recording.setListener(new ViewHandoff(tasks, this::show));
        trendWindow.addListener((observable, before, now) -> recording.setTrendWindow(now));
        lifetime.addListener((observable, before, policy) -> recording.setLifetime(policy));
        streamsWatched.addListener((observable, before, watched) -> recording.setStreamRows(
                watched ? BridgeStreams.DEFAULT_OLDEST_LIMIT : TargetSession.STREAM_ROWS_UNWATCHED));
        window.addListener((observable, before, now) -> refreshCharts());
        paused.addListener((observable, before, isPaused) -> refreshCharts());
        shown.addListener((observable, before, isShown) -> refreshCharts());
        show(recording.latest());
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

    void setSpec(TargetSpec newSpec) {
        this.spec = newSpec;
    }

    void showStarting(String message) {
        statusMessage.set(message);
        state.set(TargetState.CONNECTING);
    }

    void showFailed(String message) {
        statusMessage.set(message);
        state.set(TargetState.FAILED);
    }

    /** Starts recording the target; its first state change arrives on the FX thread. */
    public void connect() {
        if (spec != null && !readOnly()) {
            showStarting("Connecting to " + spec.describe() + "…");
            recording.start(spec);
        }
    }

    /** Tries a failed target again, keeping its history. */
    public void retry() {
        recording.retry();
    }

    /** Ends the recording's session; returns at once. */
    public void close() {
        recording.close();
    }

    /** Whether there is anything to save: a sample or a channelz tree. */
    public boolean hasRecorded() {
        return !view.nothingRecorded() || readOnly();
    }

    /** Saves the recording into a new folder inside {@code parent}, as a capture writes it; never over another. */
    public void saveRecording(Path parent) {
        recording
                .saveNew(parent)
                .whenComplete((written, failure) -> tasks.onUiThread(() -> notices.accept(
                        failure == null
                                ? "Saved the recording to " + written.folder()
                                : "Saving the recording failed: " + messageOf(failure))));
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

    /** Exports one chart as PNG, over the tab's time window: drawn by the recording, written in the background. */
    public void exportChart(LiveChart chart, Path file, int width, int height) {
        recording
                .exportChart(chart.id(), window.get(), chartsEnd(), file, width, height)
                .whenComplete((written, failure) -> tasks.onUiThread(() -> notices.accept(
                        failure == null ? "Exported " + written : "Export failed: " + messageOf(failure))));
    }

    /** Exports every chart into {@code folder} with timestamped names. */
    public void exportAll(Path folder, int width, int height) {
        recording
                .exportCharts(window.get(), chartsEnd(), folder, width, height)
                .whenComplete((written, failure) -> tasks.onUiThread(() -> notices.accept(
                        failure == null
                                ? "Exported " + written.size() + " charts to " + folder
                                : "Export failed: " + messageOf(failure))));
    }

    /** What went wrong, without the wrappers a future and an unchecked I/O failure add. */
    private static String messageOf(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UncheckedIOException unchecked) {
            cause = unchecked.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Where the charts' time window ends: now, the last sample while paused, or a recording's end. */
    private long chartsEnd() {
        if (readOnly()) {
            return recording.fixedEnd().toEpochMilli();
        }
        return paused.get() ? view.lastSampleEpochMillis() : System.currentTimeMillis();
    }

    /** One hand-off: the newest view decides everything the tab shows. */
    private void show(RecordingView next) {
        RecordingView before = view;
        view = next;
        boolean ticked = before == null || next.samples() != before.samples();
        boolean refreshed = before == null || next.lastChannelz() != before.lastChannelz();
        if (ticked && next.lastSample() != null) {
            samples.set(next.samples());
            identityText.set(next.identity().name() + " · " + next.identity().vmName() + " "
                    + next.identity().vmVersion() + " · up "
                    + DurationText.age(Duration.ofMillis(next.lastSample().uptimeMillis())));
            costText.set(describe(next.meanTickCost()));
        }
        if (refreshed) {
            showChannelz(next);
        }
        if (ticked || refreshed) {
            streams.show(next.streams(), readOnly() ? chartsEnd() : System.currentTimeMillis());
        }
        if (before == null || !next.statusMessage().equals(before.statusMessage()) || next.state() != before.state()) {
            // the message first: whoever watches the state reads the message that goes with it
            statusMessage.set(next.statusMessage());
            state.set(next.state());
        }
        if (redrawOwed || pacing.redraw(ticked, refreshed, System.nanoTime())) {
            refreshCharts();
        }
    }

    private void showChannelz(RecordingView next) {
        ChannelzUpdate update = next.lastChannelz();
        if (update == null) {
            channelzSnapshot.set(next.lastSnapshot());
            channelzStatus.set(
                    readOnly()
                            ? next.lastSnapshot() == null
                                    ? "The recording holds no channelz tree."
                                    : "The last tree of the recording, taken "
                                            + next.lastSnapshot().takenAt()
                            : "");
        } else if (update.succeeded()) {
            ChannelzSnapshot snapshot = update.snapshot();
            channelzSnapshot.set(snapshot);
            channelzFailing.set(false);
            channelzStatus.set(String.format(
                    Locale.ROOT,
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

    /** Redraws from the recording unless paused or hidden; never waits for the recording thread. */
    void refreshCharts() {
        if ((paused.get() && !readOnly()) || !shown.get()) {
            return;
        }
        long end = chartsEnd();
        redrawOwed = !recording.tryRead(recorder -> {
            for (LiveChart chart : charts) {
                chart.refresh(window.get(), end, LiveChart.DEFAULT_PLOT_WIDTH);
            }
        });
    }

    private static String describe(PollCost cost) {
        if (cost.roundTrips() == 0) {
            return "";
        }
        long bytes = cost.bytesSent() + cost.bytesReceived();
        String traffic = bytes == 0 ? "" : String.format(Locale.ROOT, ", %.1f KiB", bytes / 1024.0);
        return "≈ " + cost.roundTrips() + " JMX round trips" + traffic + " per tick (mean of the last 10)";
    }
}
