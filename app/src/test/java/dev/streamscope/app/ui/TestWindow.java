package dev.streamscope.app.ui;

import static org.awaitility.Awaitility.await;

import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.session.TargetState;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.main.MainViewModel;
import dev.streamscope.app.ui.main.StreamScopeApp;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's window as the UI tests drive it (TestFX, headless under Monocle: see the surefire configuration): shown
 * over a fresh view model, shut down after each test, read on the FX thread.
 */
public final class TestWindow {

    /** How long a test waits for a target to connect; generous, as the machines are shared. */
    public static final Duration CONNECTED = Duration.ofSeconds(120);

    private TestWindow() {}

    /** Shows the window in {@code stage} over a new view model remembering its settings in {@code settingsHome}. */
    public static MainViewModel show(Stage stage, Path settingsHome, Duration interval, FileDialogs files) {
        MainViewModel model = new MainViewModel(
                new FxTaskRunner(), JvmConnections::open, new SettingsStore(settingsHome), interval, Timeouts.DEFAULT);
        stage.setScene(StreamScopeApp.createScene(model, files));
        stage.setWidth(1280);
        stage.setHeight(900);
        stage.show();
        return model;
    }

    /** Closes every tab and its connection, on the FX thread, and waits for it. */
    public static void shutDown(MainViewModel model) throws Exception {
        WaitForAsyncUtils.asyncFx(model::shutdown).get();
    }

    /** As {@link #shutDown}, and puts back the default look, which a test of the dark look changed for the JVM. */
    public static void shutDownAndResetLook(MainViewModel model) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    model.shutdown();
                    Application.setUserAgentStylesheet(null);
                })
                .get();
    }

    /** Reads {@code read} on the FX thread, where the window's state lives. */
    public static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    /** Opens a tab on {@code target}, as the connect dialog would, and waits until it is connected. */
    public static TargetViewModel connect(FxRobot robot, MainViewModel model, TargetSpec target) throws Exception {
        robot.interact(() -> model.connectAll(List.of(target)));
        return awaitConnected(model);
    }

    /** Waits until the first tab's target is connected. */
    public static TargetViewModel awaitConnected(MainViewModel model) throws Exception {
        await().atMost(CONNECTED)
                .until(() -> onFx(() -> !model.targets().isEmpty()
                        && model.targets().get(0).stateProperty().get() == TargetState.CONNECTED));
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> model.targets().get(0));
    }

    /** Answers no file dialog, as a user pressing Cancel would. */
    public static class NoFiles implements FileDialogs {
        @Override
        public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> choosePngFile(Window owner, String title, Path initialFolder, String initialName) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseCsvFile(Window owner, String title, Path initialFolder, String initialName) {
            return Optional.empty();
        }

        @Override
        public Optional<ExportSize> chooseSize(Window owner, ExportSize initial) {
            return Optional.empty();
        }
    }
}
