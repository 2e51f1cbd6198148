package dev.streamscope.app.ui.fleet;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.fleet.FleetMethod;
import dev.streamscope.app.fleet.GoFleetPeer;
import dev.streamscope.app.fleet.PrometheusServer;
import dev.streamscope.app.session.TargetSpec;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.main.MainViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableColumn;
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
 * A standard-metrics row in the Fleet tab, headless under Monocle: a real Go service (go-grpc-prometheus, see
 * {@link GoFleetPeer}) leaking Watch streams, scraped every second by a real Prometheus. Selecting it lists its methods;
 * opening it connects over channelz only, since a Go process has no JMX.
 */
@ExtendWith(ApplicationExtension.class)
class FleetMethodsUiTest {

    private static final String WATCH = "grpc.health.v1.Health/Watch";

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    @TempDir
    static Path settingsHome;

    private static GoFleetPeer leak;
    private MainViewModel model;

    @BeforeAll
    static void startFleet() throws Exception {
        leak = GoFleetPeer.start("leak", "127.0.0.1:0");
        PROMETHEUS.scrape(List.of(new PrometheusServer.Target(leak.metrics(), Map.of("pod", "go-0"))));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        leak.close();
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
    void aSelectedGoInstanceListsItsMethodsAndOpensOverChannelzOnly(FxRobot robot) throws Exception {
        // the shortest trend window there is, so that growth shows within seconds
        robot.interact(() -> model.trendWindowProperty().set(Duration.ofSeconds(10)));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> model.fleetProperty().get() != null));
        robot.clickOn("#urlField").write(PROMETHEUS.url().toString());
        TextField jmxTemplate = robot.lookup("#jmxTemplateField").queryAs(TextField.class);
        TextField channelzTemplate = robot.lookup("#channelzTemplateField").queryAs(TextField.class);
        onFx(() -> {
            jmxTemplate.setText("{host}:19010");
            channelzTemplate.setText("{host}:19020");
            return null;
        });
        TableView<FleetViewModel.Entry> table = robot.lookup("#table").queryTableView();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    robot.clickOn("#refreshButton");
                    return onFx(() -> table.getItems().size() == 1
                            && table.getItems().get(0).row().grows());
                });

        onFx(() -> {
            table.getSelectionModel().select(0);
            table.requestFocus();
            return null;
        });
        TableView<FleetMethod> methods = robot.lookup("#methodsTable").queryTableView();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onFx(() -> !methods.getItems().isEmpty()));
        List<List<String>> shown = onFx(() -> methods.getItems().stream()
                .map(method -> methods.getColumns().stream()
                        .filter(column -> column.getCellData(method) instanceof String)
                        .map(column -> (String) column.getCellData(method))
                        .toList())
                .toList());
        // the peer's client and server sides of the same Watch calls, the leak first, units in the cells
        assertThat(shown.get(0))
                .as(shown.toString())
                .startsWith(WATCH)
                .anyMatch(text -> text.matches("\\+[0-9,]+/min"));
        assertThat(shown)
                .filteredOn(cells -> cells.get(0).equals(WATCH))
                .extracting(cells -> cells.get(1))
                .containsExactlyInAnyOrder("server", "client");
        assertThat(column(methods, "In flight").getCellData(0)).matches("[0-9,]+");

        robot.clickOn(table).type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> model.targets().size() == 1));
        TargetSpec opened = onFx(() -> model.targets().get(0).spec());
        assertThat(opened.jmx()).as("a Go process has no JMX").isNull();
        assertThat(opened.channelz().address().authority()).isEqualTo("127.0.0.1:19020");
    }

    @SuppressWarnings("unchecked")
    private static TableColumn<FleetMethod, String> column(TableView<FleetMethod> table, String title) {
        return (TableColumn<FleetMethod, String>) table.getColumns().stream()
                .filter(column -> title.equals(column.getText()))
                .findFirst()
                .orElseThrow();
    }
}
