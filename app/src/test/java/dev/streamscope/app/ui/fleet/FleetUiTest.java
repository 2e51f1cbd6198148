package dev.streamscope.app.ui.fleet;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.fleet.MetricsEndpoint;
import dev.streamscope.app.fleet.PrometheusServer;
import dev.streamscope.app.settings.FleetSettingsStore;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.main.MainViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Fleet tab as a user sees it, headless under Monocle, against a real Prometheus scraping two stand-ins for the
 * JMX exporter (a leaking instance and a steady one, see {@code MetricsEndpoint}).
 */
@ExtendWith(ApplicationExtension.class)
class FleetUiTest {

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final long STARTED = System.nanoTime();
    private static MetricsEndpoint leaking;
    private static MetricsEndpoint steady;

    @TempDir
    static Path settingsHome;

    private MainViewModel model;

    @BeforeAll
    static void startFleet() throws Exception {
        leaking = new MetricsEndpoint(() ->
                "grpc_streams_open " + (40 + 5 * (System.nanoTime() - STARTED) / 1e9) + "\ngrpc_streams_overdue 0\n");
        steady = new MetricsEndpoint(() -> "grpc_streams_open 300\ngrpc_streams_overdue 0\n");
        PROMETHEUS.scrape(List.of(
                new PrometheusServer.Target(leaking.address(), Map.of("pod", "api-0")),
                new PrometheusServer.Target(steady.address(), Map.of("pod", "api-1"))));
    }

    @AfterAll
    static void stopFleet() {
        leaking.close();
        steady.close();
    }

    @Start
    void start(Stage stage) {
        model = TestWindow.show(stage, settingsHome, Duration.ofSeconds(1), new TestWindow.NoFiles());
    }

    @AfterEach
    void shutDown() throws Exception {
        TestWindow.shutDown(model);
    }

    @Test
    void theFleetTabJudgesGrowthOverTheTrendWindowTheAppRemembers(FxRobot robot) throws Exception {
        Duration remembered = onFx(() -> model.trendWindowProperty().get());
        robot.interact(() -> model.trendWindowProperty().set(Duration.ofMinutes(7)));
        try {
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onFx(() -> model.fleetProperty().get() != null));

            assertThat(onFx(() -> model.fleetProperty().get().trendWindow())).isEqualTo(Duration.ofMinutes(7));
        } finally {
            // the settings folder is shared by this class's tests
            robot.interact(() -> model.trendWindowProperty().set(remembered));
        }
    }

    @Test
    void fleetTabListsTheLeakFirstFiltersAndOpensTheSelectedInstance(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> model.fleetProperty().get() != null));
        robot.clickOn("#urlField").write(PROMETHEUS.url().toString());
        TextField jmxTemplate = robot.lookup("#jmxTemplateField").queryAs(TextField.class);
        onFx(() -> {
            jmxTemplate.setText("{host}:19010");
            return null;
        });
        TableView<FleetViewModel.Entry> table = robot.lookup("#table").queryTableView();

        // growth needs two scrapes in the trend window: refresh until the leak ranks above the bigger steady one
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    robot.clickOn("#refreshButton");
                    return onFx(() -> table.getItems().size() == 2
                            && table.getItems().get(0).row().instance().equals(leaking.address())
                            && table.getItems().get(0).row().grows());
                });
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertThat(status.getText()).startsWith("2 instances · 0 with overdue streams · 1 growing over 1m");
        assertThat(onFx(() -> String.valueOf(table.getColumns().stream()
                        .filter(column -> "Growth".equals(column.getText()))
                        .findFirst()
                        .orElseThrow()
                        .getCellData(0))))
                .as("units in the cell")
                .matches("\\+[0-9,]+/min");
        assertThat(onFx(() -> robot.lookup("#windowButtons").query().isDisabled()))
                .as("the window's time-window buttons do not act on the Fleet tab")
                .isTrue();

        robot.clickOn("#filterField").write("pod=api-1");
        assertThat(onFx(() -> table.getItems().stream()
                        .map(entry -> entry.row().instance())
                        .toList()))
                .containsExactly(steady.address());
        robot.doubleClickOn("#filterField").eraseText(9);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onFx(() -> table.getItems().size() == 2));

        onFx(() -> {
            table.getSelectionModel().select(0);
            table.requestFocus();
            return null;
        });
        String before = status.getText();
        robot.clickOn("#refreshButton");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> onFx(() -> !status.getText().equals(before)));
        assertThat(onFx(() -> table.getSelectionModel().getSelectedItem().row().instance()))
                .as("the refresh updates rows in place and keeps the selection")
                .isEqualTo(leaking.address());

        robot.clickOn(table).type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> model.targets().size() == 1));
        assertThat(onFx(() -> model.targets().get(0).titleProperty().get())).contains("127.0.0.1:19010");
        assertThat(new FleetSettingsStore(settingsHome).load().jmxTemplate()).isEqualTo("{host}:19010");
        assertThat(new FleetSettingsStore(settingsHome).load().prometheusUrl())
                .isEqualTo(PROMETHEUS.url().toString());
    }
}
