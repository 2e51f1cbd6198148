package dev.streamscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.main.MainViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A dialog opened from a dark window with bigger text is dark and as big: headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class DialogLookUiTest {

    @TempDir
    static Path settingsHome;

    private MainViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        new SettingsStore(settingsHome).save(Settings.DEFAULTS.withLook("dark", 120));
        model = TestWindow.show(stage, settingsHome, Duration.ofMillis(500), new PlatformFileDialogs());
    }

    @AfterEach
    void shutDown() throws Exception {
        TestWindow.shutDownAndResetLook(model);
    }

    @Test
    void aDialogOpenedInDarkModeCarriesTheDarkClassAndTheTextScale(FxRobot robot) throws Exception {
        assertThat(onFx(() -> stage.getScene().getRoot().getStyleClass())).contains("dark");

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL); // Stream lifetimes…

        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> dialogWindow() != null));
        Window dialog = onFx(this::dialogWindow);
        Parent dialogRoot = onFx(() -> dialog.getScene().getRoot());
        DialogPane pane = onFx(() -> (DialogPane) dialog.getScene().getRoot().lookup(".dialog-pane"));
        try {
            assertThat(onFx(dialogRoot::getStyleClass)).contains("root", "dark");
            assertThat(onFx(dialogRoot::getStyle)).isEqualTo("-fx-font-size: 15.6px;");
            assertThat(onFx(() -> dialogRoot.getScene().getStylesheets())).contains(Views.stylesheet());
            Label header = onFx(() -> (Label) pane.lookup(".header-panel .label"));
            assertThat(onFx(() -> header.getFont().getSize())).isEqualTo(15.6, offset(0.01));
        } finally {
            robot.interact(() -> ((Button) pane.lookupButton(ButtonType.CANCEL)).fire());
        }
    }

    /** The one window besides the main one: the dialog. */
    private Window dialogWindow() {
        return Window.getWindows().stream()
                .filter(window -> window != stage && window.isShowing() && window.getScene() != null)
                .filter(window -> window.getScene().getRoot().lookup(".dialog-pane") != null)
                .findFirst()
                .orElse(null);
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
