package dev.streamscope.app.ui;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.chart.PngExporter;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.jmx.JvmIdentity;
import dev.streamscope.app.jmx.JvmSample;
import dev.streamscope.app.jmx.PollCost;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.series.SeriesStore;
import dev.streamscope.app.session.ChannelzUpdate;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.TargetSession;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.session.TargetStatus;
import dev.streamscope.app.session.TargetTick;
import dev.streamscope.app.settings.Settings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * One target's tab: its session's state in words, its history and its charts. Lives on the FX thread; the session's
 * output reaches it through a {@link SessionHandoff}, once per batch of ticks.
 */
public final class TargetViewModel {

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private final TaskRunner tasks;
    private final JvmConnector connector;
    private final Timeouts timeouts;
    private final Duration interval;
    private final Supplier<Settings> settings;
    private final Consumer<String> notices;
    private final SeriesStore store = new SeriesStore();
    private final TargetCharts charts;
    private final ChartPacing pacing;
    private final boolean hasJvm;
    private final boolean hasChannelz;

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
    private final ObjectProperty<LifetimePolicy> lifetime = new SimpleObjectProperty<>(LifetimePolicy.DEFAULT);
    private final BooleanProperty streamsWatched = new SimpleBooleanProperty();

    private TargetSpec spec;
    private TargetSession session;
    private long lastSampleEpochMillis;

    /**
     * @param hasJvm whether the target will have a JVM side (JMX); decides which charts it shows
     * @param hasChannelz whether it will have a channelz side
     */
    TargetViewModel(
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
        this.charts = new TargetCharts(store, hasJvm, hasChannelz);
        this.pacing = new ChartPacing(interval);
        this.streams = new StreamsViewModel(store);
        lifetime.addListener((observable, before, policy) -> {
            streams.setLifetime(policy);
            if (session != null) {
                session.setLifetime(policy);
            }
        });
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

    /** What the last poll cost the target: "14 JMX round trips, 9.8 KiB per tick". */
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
        return charts.all();
    }

    public StreamsViewModel streams() {
        return streams;
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

    /** Starts this target's session; its first state change arrives on the FX thread. */
    public void connect() {
        if (spec == null || session != null) {
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
        if (session != null) {
            session.retry();
        } else {
            connect();
        }
    }

    public void close() {
        if (session != null) {
            session.close();
        }
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
        chart.refresh(window.get(), paused.get() ? lastSampleEpochMillis : System.currentTimeMillis(), width);
    }

    private void apply(SessionHandoff.Batch batch) {
        List<TargetTick> ticks = batch.ticks();
        TargetStatus status = batch.status();
        for (TargetTick tick : ticks) {
            record(tick);
        }
        for (ChannelzUpdate update : batch.channelz()) {
            record(update);
        }
        if (status != null) {
            // the message first: whoever watches the state reads the message that goes with it
            statusMessage.set(status.message());
            state.set(status.state());
        }
        if (pacing.redraw(!ticks.isEmpty(), !batch.channelz().isEmpty(), System.nanoTime())) {
            refreshCharts();
        }
    }

    private void record(ChannelzUpdate update) {
        if (update.succeeded()) {
            ChannelzSnapshot snapshot = update.snapshot();
            charts.record(snapshot);
            streams.apply(snapshot);
            channelzSnapshot.set(snapshot);
            channelzFailing.set(false);
            channelzStatus.set(String.format(
                    "Refreshed %s · %d channelz calls in %d ms%s",
                    CLOCK.format(snapshot.takenAt()),
                    snapshot.remoteCalls(),
                    snapshot.walkDuration().toMillis(),
                    snapshot.vanished() > 0 ? " · " + snapshot.vanished() + " closed during the walk" : ""));
        } else {
            charts.channelzFailed();
            channelzFailing.set(true);
            channelzStatus.set(update.problem().getMessage());
        }
    }

    private void record(TargetTick tick) {
        JvmSample sample = tick.sample();
        if (tick.afterGap() && lastSampleEpochMillis > 0) {
            store.markGap(lastSampleEpochMillis + 1);
        }
        charts.record(sample, tick.gcEvents());
        if (tick.streams() != null) {
            streams.apply(tick.streams(), System.currentTimeMillis());
        } else {
            streams.bridgeAbsent();
        }
        lastSampleEpochMillis = sample.epochMillis();
        samples.set(samples.get() + 1);
        identityText.set(describe(tick.identity(), sample));
        costText.set(describe(sample.cost()));
    }

    void refreshCharts() {
        if (!paused.get()) {
            charts.refresh(window.get(), System.currentTimeMillis());
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
        return cost.roundTrips() + " JMX round trips" + traffic + " per tick";
    }
}
