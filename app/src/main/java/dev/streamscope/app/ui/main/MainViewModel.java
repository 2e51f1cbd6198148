package dev.streamscope.app.ui.main;

import dev.streamscope.app.archive.RecordingProblem;
import dev.streamscope.app.archive.RecordingReader;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.chart.TimeWindow;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.live.Demo;
import dev.streamscope.app.live.LiveRecording;
import dev.streamscope.app.session.JvmConnector;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.settings.FleetSettingsStore;
import dev.streamscope.app.settings.RecentConnection;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.settings.WatchedTargetsStore;
import dev.streamscope.app.streams.StreamGrowth;
import dev.streamscope.app.ui.TaskRunner;
import dev.streamscope.app.ui.fleet.FleetViewModel;
import dev.streamscope.app.ui.look.DesktopLook;
import dev.streamscope.app.ui.look.LookViewModel;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state: the open targets (one tab each), the chart time window, pause, and the remembered settings.
 * Lives on the FX thread.
 */
public final class MainViewModel {

    private final TaskRunner tasks;
    private final JvmConnector connector;
    private final SettingsStore settingsStore;
    private final Duration interval;
    private final Timeouts timeouts;
    private final ObservableList<TargetViewModel> targets = FXCollections.observableArrayList();
    private final ObservableList<TargetViewModel> readOnlyTargets = FXCollections.unmodifiableObservableList(targets);
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.FIFTEEN_MINUTES);
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final ObjectProperty<LifetimePolicy> lifetime = new SimpleObjectProperty<>(LifetimePolicy.DEFAULT);
    private final ObjectProperty<Duration> trendWindow = new SimpleObjectProperty<>(StreamGrowth.DEFAULT_WINDOW);
    private final ReadOnlyStringWrapper statusLine = new ReadOnlyStringWrapper("");
    private final List<Demo.Running> demos = new CopyOnWriteArrayList<>();
    private final ReadOnlyObjectWrapper<FleetViewModel> fleet = new ReadOnlyObjectWrapper<>();
    private Settings settings;
    private final LookViewModel look;
    private final WatchedTargetsStore watchedStore;
    private final Set<String> watched;

    /**
     * @param interval the poll interval, or null for the remembered one
     * @param timeouts the deadlines, or null for the remembered ones
     */
    public MainViewModel(
            TaskRunner tasks,
            JvmConnector connector,
            SettingsStore settingsStore,
            Duration interval,
            Timeouts timeouts) {
        this.tasks = tasks;
        this.connector = connector;
        this.settingsStore = settingsStore;
        this.settings = settingsStore.load();
        this.interval = interval != null ? interval : settings.interval();
        this.timeouts = timeouts != null ? timeouts : new Timeouts(settings.connectTimeout(), settings.callTimeout());
        this.window.set(TimeWindow.fromId(settings.window()).orElse(TimeWindow.FIFTEEN_MINUTES));
        this.window.addListener((observable, before, now) -> saveSettings(settings.withWindow(now.id())));
        this.lifetime.set(rememberedLifetime(settings.lifetime()));
        this.lifetime.addListener((observable, before, now) -> saveSettings(settings.withLifetime(now.toText())));
        this.trendWindow.set(settings.trendWindow());
        this.trendWindow.addListener((observable, before, now) -> saveSettings(settings.withTrendWindow(now)));
        this.look = new LookViewModel(tasks, DesktopLook::prefersDark, this::settings, this::saveSettings);
        this.watchedStore = new WatchedTargetsStore(settingsStore.file().getParent());
        this.watched = watchedStore.load();
    }

    /** The window's theme and text size. */
    public LookViewModel look() {
        return look;
    }

    public ObservableList<TargetViewModel> targets() {
        return readOnlyTargets;
    }

    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    /** The stream lifetimes every target is judged by; remembered between runs. */
    public ObjectProperty<LifetimePolicy> lifetimeProperty() {
        return lifetime;
    }

    /** Over how long open streams must climb on a connection to count as growing; remembered between runs. */
    public ObjectProperty<Duration> trendWindowProperty() {
        return trendWindow;
    }

    private LifetimePolicy rememberedLifetime(String text) {
        try {
            return LifetimePolicy.fromText(text);
        } catch (IllegalArgumentException e) {
            statusLine.set("The remembered stream lifetime '" + text + "' is unreadable; using 60 s.");
            return LifetimePolicy.DEFAULT;
        }
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public ReadOnlyStringProperty statusLineProperty() {
        return statusLine.getReadOnlyProperty();
    }

    public Duration interval() {
        return interval;
    }

    public Settings settings() {
        return settings;
    }

    public List<RecentConnection> recentConnections() {
        return settings.recent();
    }

    public ConnectViewModel newConnectDialog() {
        return new ConnectViewModel(this, tasks);
    }

    /** A target not yet shown: the connect dialog shows it only once it connects. */
    public TargetViewModel createTarget(TargetSpec spec) {
        TargetViewModel created = newTarget(spec.name(), spec.jmx() != null, spec.channelz() != null);
        created.setSpec(spec);
        return created;
    }

    private TargetViewModel newTarget(String title, boolean jvm, boolean channelz) {
        LiveRecording recording = new LiveRecording(title, jvm, channelz, connector, timeouts, interval);
        TargetViewModel created =
                new TargetViewModel(title, recording, tasks, this::settings, statusLine::set, look::chartLook);
        created.windowProperty().bind(window);
        created.pausedProperty().bind(paused);
        created.lifetimeProperty().bind(lifetime);
        created.trendWindowProperty().bind(trendWindow);
        created.watchingProperty().set(watched.contains(title));
        created.watchingProperty().addListener((observable, before, on) -> rememberWatching(title, on));
        return created;
    }

    /** Shows a target in its own tab. */
    public void adopt(TargetViewModel target) {
        if (!targets.contains(target)) {
            targets.add(target);
        }
    }

    /** Opens a tab for each target and connects; a failure shows in its tab, with a retry. */
    public void connectAll(List<TargetSpec> specs) {
        for (TargetSpec spec : specs) {
            TargetViewModel target = createTarget(spec);
            adopt(target);
            target.connect();
        }
    }

    /** Starts the embedded demo target in a child JVM, shows it at once as "starting", then connects to it. */
    public void startDemo() {
        startDemoLeakingAfter(Duration.ZERO);
    }

    /** Starts the demo target healthy, its leak beginning {@code leakAfter} later (--demo-leak-after). */
    public void startDemoLeakingAfter(Duration leakAfter) {
        TargetViewModel demo = newTarget(Demo.NAME, true, true);
        demo.showStarting("Starting " + Demo.what(leakAfter) + "…");
        adopt(demo);
        tasks.background(
                () -> Demo.start(leakAfter),
                started -> {
                    demos.add(started);
                    if (!targets.contains(demo)) {
                        started.close(); // the user closed the tab while the demo was starting
                        return;
                    }
                    demo.setSpec(started.spec());
                    demo.connect();
                },
                failure -> demo.showFailed("The demo target did not start: " + failure.getMessage()));
    }

    /**
     * Opens a recording folder in a read-only tab; reading happens in the background, and a folder that cannot be
     * read says why in the status line.
     */
    public void openRecording(Path folder) {
        statusLine.set("Opening " + folder + "…");
        tasks.background(
                () -> RecordingReader.read(folder),
                saved -> {
                    TargetViewModel opened = new TargetViewModel(
                            "Recording: " + saved.target(),
                            LiveRecording.opened(saved),
                            tasks,
                            this::settings,
                            statusLine::set,
                            look::chartLook);
                    opened.windowProperty().bind(window);
                    adopt(opened);
                    statusLine.set("Opened the " + saved.describe());
                },
                failure -> statusLine.set(
                        failure instanceof RecordingProblem
                                ? failure.getMessage()
                                : "Could not open " + folder + ": " + failure));
    }

    /** The recordings open in tabs, for comparing. */
    public List<TargetViewModel> openRecordings() {
        return targets.stream().filter(TargetViewModel::readOnly).toList();
    }

    /** Where recordings are saved and opened from: the export folder, else the home folder. */
    public Path recordingsFolder() {
        return settings.exportFolderOrHome();
    }

    /** The Fleet tab's model while the tab is open, else null. */
    public ReadOnlyObjectProperty<FleetViewModel> fleetProperty() {
        return fleet.getReadOnlyProperty();
    }

    /**
     * Opens the Fleet tab (once) and starts its refresh; Open in it connects a tab here.
     *
     * @param url the Prometheus to read, or null for the remembered one
     */
    public FleetViewModel openFleet(String url, Duration trendWindow) {
        if (fleet.get() == null) {
            fleet.set(new FleetViewModel(
                    tasks, fleetSettingsStore(), System.getenv(), trendWindow, spec -> connectAll(List.of(spec))));
        }
        if (url != null) {
            fleet.get().urlProperty().set(url);
        }
        fleet.get().start();
        return fleet.get();
    }

    /** Where the Fleet tab remembers its URL and templates: beside the settings. */
    public FleetSettingsStore fleetSettingsStore() {
        return new FleetSettingsStore(settingsStore.file().getParent());
    }

    public void closeFleet() {
        if (fleet.get() != null) {
            fleet.get().close();
            fleet.set(null);
        }
    }

    /** Shows a problem that belongs to no tab in the status line. */
    public void reportProblem(String message) {
        statusLine.set(message);
    }

    public void close(TargetViewModel target) {
        target.close();
        targets.remove(target);
    }

    public void remember(RecentConnection connection) {
        saveSettings(settings.withRecent(connection));
    }

    public void rememberExport(int width, int height, Path folder) {
        saveSettings(settings.withExport(width, height, folder == null ? "" : folder.toString()));
    }

    /** Closes every session and ends the demo targets; called when the window closes. */
    public void shutdown() {
        closeFleet();
        for (TargetViewModel target : new ArrayList<>(targets)) {
            target.close();
        }
        targets.clear();
        for (Demo.Running demo : demos) {
            demo.close();
        }
        demos.clear();
    }

    /** Remembers whether the target named {@code title} is watched, for the next time it is connected. */
    private void rememberWatching(String title, boolean on) {
        if (on ? watched.add(title) : watched.remove(title)) {
            try {
                watchedStore.save(watched);
            } catch (IOException e) {
                statusLine.set(
                        "Could not save which targets are watched to " + watchedStore.file() + ": " + e.getMessage());
            }
        }
    }

    private void saveSettings(Settings updated) {
        settings = updated;
        try {
            settingsStore.save(updated);
        } catch (IOException e) {
            statusLine.set("Could not save settings to " + settingsStore.file() + ": " + e.getMessage());
        }
    }
}
