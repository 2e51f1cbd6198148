package dev.streamscope.app.ui.main;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.cli.LaunchOptions;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.transport.SerializationGuard;
import dev.streamscope.app.settings.FleetSettings;
import dev.streamscope.app.settings.FleetSettingsStore;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.FileDialogs;
import dev.streamscope.app.ui.FxTaskRunner;
import dev.streamscope.app.ui.PlatformFileDialogs;
import dev.streamscope.app.ui.Views;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: one window, one {@link MainViewModel}. */
public final class StreamScopeApp extends Application {

    private static volatile LaunchOptions options = new LaunchOptions();

    private MainViewModel model;

    /** Starts the toolkit and opens the window; returns when the window closes. */
    public static void launchWith(LaunchOptions launchOptions) {
        options = launchOptions;
        Application.launch(StreamScopeApp.class);
    }

    @Override
    public void start(Stage stage) {
        SerializationGuard.install();
        model = createModel(options, SettingsStore.standard());
        stage.setTitle("StreamScope");
        stage.setScene(createScene(model, new PlatformFileDialogs()));
        stage.show();
        open(model, options);
    }

    @Override
    public void stop() {
        if (model != null) {
            model.shutdown();
        }
    }

    static MainViewModel createModel(LaunchOptions launchOptions, SettingsStore settings) {
        Timeouts defaults = Timeouts.DEFAULT;
        Duration connect = launchOptions.connectTimeout();
        Duration call = launchOptions.callTimeout();
        Timeouts timeouts = connect == null && call == null
                ? null
                : new Timeouts(connect != null ? connect : defaults.connect(), call != null ? call : defaults.call());
        return new MainViewModel(
                new FxTaskRunner(), JvmConnections::open, settings, launchOptions.interval(), timeouts);
    }

    public static Scene createScene(MainViewModel model, FileDialogs files) {
        Scene scene = new Scene(MainView.load(model, files));
        String css = Views.stylesheet();
        if (css != null) {
            scene.getStylesheets().add(css);
        }
        return scene;
    }

    /** Opens what the command line asked for: its targets, and the demo when asked or when nothing was given. */
    static void open(MainViewModel model, LaunchOptions launchOptions) {
        if (launchOptions.lifetime() != null) {
            model.lifetimeProperty().set(launchOptions.lifetime());
        }
        if (launchOptions.trendWindow() != null) {
            model.trendWindowProperty().set(launchOptions.trendWindow());
        }
        String password = System.getenv("STREAMSCOPE_JMX_PASSWORD");
        try {
            model.connectAll(launchOptions.targets(password == null ? null : password.toCharArray()));
        } catch (TargetProblem problem) {
            model.reportProblem(problem.getMessage());
        }
        launchOptions.recordingsToOpen().forEach(model::openRecording);
        if (launchOptions.startDemo()) {
            model.startDemoLeakingAfter(launchOptions.demoLeakAfter());
        }
        if (launchOptions.prometheus() != null) {
            openFleet(model, launchOptions);
        }
    }

    /** The fleet options of the command line are remembered like the rest, then the tab reads them. */
    private static void openFleet(MainViewModel model, LaunchOptions launchOptions) {
        FleetSettingsStore store = model.fleetSettingsStore();
        FleetSettings remembered = store.load();
        try {
            store.save(new FleetSettings(
                    launchOptions.prometheus(),
                    launchOptions.prometheusCa(),
                    launchOptions.prometheusUser(),
                    Objects.requireNonNullElse(launchOptions.fleetJmx(), remembered.jmxTemplate()),
                    Objects.requireNonNullElse(launchOptions.fleetChannelz(), remembered.channelzTemplate()),
                    launchOptions.fleetMetrics() == null
                            ? remembered.metrics()
                            : launchOptions.fleetMetrics().toText()));
        } catch (IOException | IllegalArgumentException problem) {
            model.reportProblem("Fleet settings not saved to " + store.file() + ": " + problem.getMessage());
        }
        model.openFleet(launchOptions.prometheus(), model.trendWindowProperty().get());
    }
}
