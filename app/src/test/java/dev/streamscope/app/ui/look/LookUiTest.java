package dev.streamscope.app.ui.look;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.streamscope.app.archive.TestRecordings;
import dev.streamscope.app.chart.ChartPalette;
import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.settings.Settings;
import dev.streamscope.app.settings.SettingsStore;
import dev.streamscope.app.ui.PlatformFileDialogs;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.main.MainViewModel;
import java.awt.Font;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Light and dark, and the text size, as a user switches them: headless under Monocle, over an opened recording. */
@ExtendWith(ApplicationExtension.class)
class LookUiTest {

    @TempDir
    static Path settingsHome;

    @TempDir
    static Path recordingsFolder;

    private MainViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        new SettingsStore(settingsHome).save(Settings.DEFAULTS.withLook("light", 100));
        model = TestWindow.show(stage, settingsHome, Duration.ofMillis(500), new PlatformFileDialogs());
    }

    @AfterEach
    void shutDown() throws Exception {
        TestWindow.shutDownAndResetLook(model);
    }

    @Test
    void switchingToDarkDarkensTheWindowAndItsChartsAndIsRemembered(FxRobot robot) throws Exception {
        LiveChart heap = openedRecordingChart(robot, "heap");
        assertThat(onFx(Application::getUserAgentStylesheet)).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        assertThat(onFx(() -> root().getStyleClass())).doesNotContain("dark");
        assertThat(onFx(() -> heap.chart().getBackgroundPaint())).isEqualTo(ChartPalette.LIGHT.background());

        robot.interact(() -> themeItem(robot, "Dark").setSelected(true));

        assertThat(onFx(Application::getUserAgentStylesheet)).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(onFx(() -> root().getStyleClass())).contains("dark");
        assertThat(onFx(() -> heap.chart().getBackgroundPaint())).isEqualTo(ChartPalette.DARK.background());
        assertThat(onFx(() -> heap.chart().getXYPlot().getRangeGridlinePaint())).isEqualTo(ChartPalette.DARK.grid());
        assertThat(new SettingsStore(settingsHome).load().theme()).isEqualTo("dark");

        robot.interact(() -> themeItem(robot, "Light").setSelected(true));

        assertThat(onFx(() -> heap.chart().getBackgroundPaint())).isEqualTo(ChartPalette.LIGHT.background());
        assertThat(new SettingsStore(settingsHome).load().theme()).isEqualTo("light");
    }

    @Test
    void ctrlEqualsAndCtrlMinusScaleTheTextAndChartsAndCtrlZeroResets(FxRobot robot) throws Exception {
        LiveChart heap = openedRecordingChart(robot, "heap");
        Label status = robot.lookup("#target-status-message").queryAs(Label.class);
        double normal = onFx(() -> status.getFont().getSize());
        Font normalTitle = onFx(() -> heap.chart().getTitle().getFont());

        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> onFx(() -> status.getFont().getSize()) > normal * 1.15);
        assertThat(onFx(() -> heap.chart().getTitle().getFont().getSize2D())).isEqualTo(normalTitle.getSize2D() * 1.2f);
        assertThat(new SettingsStore(settingsHome).load().fontScale()).isEqualTo(120);

        robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        assertThat(new SettingsStore(settingsHome).load().fontScale()).isEqualTo(110);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> onFx(() -> status.getFont().getSize()) == normal);
        assertThat(onFx(() -> heap.chart().getTitle().getFont())).isEqualTo(normalTitle);
        assertThat(new SettingsStore(settingsHome).load().fontScale()).isEqualTo(100);
    }

    private LiveChart openedRecordingChart(FxRobot robot, String id) throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), recordingsFolder.resolve(id + System.nanoTime()));
        robot.interact(() -> model.openRecording(folder));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> onFx(() -> model.openRecordings().size() == 1));
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> model.openRecordings().get(0).charts().stream()
                .filter(chart -> chart.id().equals(id))
                .findFirst()
                .orElseThrow());
    }

    /** View → Theme → {@code text}, selected as a click would (menus do not open reliably under Monocle). */
    private static RadioMenuItem themeItem(FxRobot robot, String text) {
        return robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                .flatMap(menu -> menu.getItems().stream())
                .filter(Menu.class::isInstance)
                .flatMap(menu -> ((Menu) menu).getItems().stream())
                .filter(item -> item instanceof RadioMenuItem && item.getText().equals("_" + text))
                .map(RadioMenuItem.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private Parent root() {
        return stage.getScene().getRoot();
    }
}
