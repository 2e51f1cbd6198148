package dev.streamscope.app.ui.histogram;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.archive.TestRecordings;
import dev.streamscope.app.jmx.histogram.HeapHistogram;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.ui.FileDialogs;
import dev.streamscope.app.ui.SharedDemo;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.main.MainViewModel;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Heap histograms in the window as a user takes them: headless under Monocle, against the real demo target (a child
 * JVM serving gRPC and JMX). The one stand-in is the file chooser, which cannot be driven headless: it answers with a
 * temp folder.
 */
@ExtendWith(ApplicationExtension.class)
class HistogramUiTest {

    private static final String SERVER_CALL = "io.grpc.internal.ServerCallImpl";
    private static final String CLIENT_CALL = "io.grpc.internal.ClientCallImpl";

    /** A histogram of the demo's small heap takes well under a second; the machine is shared, so wait long. */
    private static final Duration HISTOGRAM = Duration.ofSeconds(150);

    @TempDir
    static Path exportFolder;

    @TempDir
    static Path settingsHome;

    @TempDir
    static Path recordingsFolder;

    @RegisterExtension
    static final SharedDemo DEMO = new SharedDemo();

    private MainViewModel model;

    /** Answers a CSV export with the test's folder, as a user clicking Save would; no other dialog is used here. */
    private static final class ExportFolder implements FileDialogs {
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
            return Optional.of(exportFolder.resolve(initialName));
        }

        @Override
        public Optional<ExportSize> chooseSize(Window owner, ExportSize initial) {
            return Optional.empty();
        }
    }

    @Start
    void start(Stage stage) {
        model = TestWindow.show(stage, settingsHome, Duration.ofMillis(500), new ExportFolder());
    }

    @AfterEach
    void shutDown() throws Exception {
        TestWindow.shutDown(model);
    }

    @Test
    void ctrlHShowsTheDemosClassesAndGrpcCallsAndTheNextHistogramShowsTheChange(FxRobot robot) throws Exception {
        HistogramViewModel histogram = awaitDemoConnected(robot);

        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);

        TableView<HistogramRowView> table = table(robot);
        await().atMost(HISTOGRAM).until(() -> onFx(() -> classNames(table).contains("java.lang.String")));
        assertThat(onFx(() -> selectedPage(robot))).isEqualTo("Heap histogram");
        assertThat(onFx(() -> label(robot, "#histogram-grpc-calls")))
                .as("the demo's server and client calls, leaked and healthy, are in the heap")
                .matches("gRPC calls in the heap: [1-9][0-9,]*");
        assertThat(onFx(() -> label(robot, "#histogram-status")))
                .as("the view says that garbage is counted too")
                .contains("all objects, garbage too");
        TextField filter = robot.lookup("#histogram-filter").queryAs(TextField.class);
        // grpc-java's call classes: the server's and the client's, whichever the demo holds at this moment
        robot.clickOn("#histogram-filter").write("CallImpl");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(onFx(() -> classNames(table)))
                        .allMatch(name -> name.contains("CallImpl"))
                        .containsAnyOf(SERVER_CALL, CLIENT_CALL));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(onFx(() -> highlightedRows(robot)))
                        .as("the call classes are highlighted")
                        .containsAnyOf(SERVER_CALL, CLIENT_CALL));
        HeapHistogram first = onFx(() -> histogram.histogramProperty().get());

        // the focus is in the filter, where a text field would take Ctrl+H as backspace
        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);

        await().atMost(HISTOGRAM)
                .until(() -> onFx(() -> histogram.histogramProperty().get() != first));
        assertThat(onFx(() -> filter.getText())).isEqualTo("CallImpl");
        assertThat(onFx(() -> classNames(table))).allMatch(name -> name.contains("CallImpl"));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertThat(onFx(() -> filter.getText())).as("Esc clears the filter").isEmpty();
        ToggleButton change = robot.lookup("#histogram-change-table").queryAs(ToggleButton.class);
        assertThat(onFx(change::isSelected))
                .as("the second histogram opens on the change")
                .isTrue();
        assertThat(onFx(() -> table.getColumns().get(2).getText())).isEqualTo("Bytes gained");
        assertThat(onFx(() -> label(robot, "#histogram-change-summary"))).startsWith("Since the histogram of ");
        assertThat(onFx(() -> label(robot, "#histogram-grpc-calls")))
                .matches("gRPC calls in the heap: [1-9][0-9,]* \\([+-][0-9,]+ since [0-9:]+\\)");
        assertThat(onFx(() -> table.getItems().stream().allMatch(HistogramRowView::change)))
                .isTrue();

        robot.clickOn("#histogram-export");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> csvs("histogram-change-").size() == 1);
        assertThat(Files.readAllLines(csvs("histogram-change-").get(0)))
                .first()
                .isEqualTo("class,instances_gained,bytes_gained");

        robot.clickOn("#histogram-classes-table");

        assertThat(onFx(() -> classNames(table))).contains("java.lang.String");
        assertThat(onFx(() -> table.getColumns().get(2).getText())).isEqualTo("Bytes");
    }

    @Test
    void aLiveHistogramAsksFirstAndCancelOrEscTakesNothing(FxRobot robot) throws Exception {
        HistogramViewModel histogram = awaitDemoConnected(robot);
        robot.interact(histogram::show);
        robot.clickOn("#histogram-live");

        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        robot.lookup("#histogram-live-confirmation").tryQuery().isPresent());
        DialogPane question = robot.lookup("#histogram-live-confirmation").queryAs(DialogPane.class);
        assertThat(onFx(question::getContentText))
                .isEqualTo("Takes a full GC on Demo: its threads pause, for seconds on a big heap.");
        robot.clickOn("Cancel");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() -> onFx(() -> histogram.histogramProperty().get() == null
                        && !histogram.busyProperty().get()));

        robot.clickOn("#histogram-take");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        robot.lookup("#histogram-live-confirmation").tryQuery().isPresent());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() -> onFx(() -> histogram.histogramProperty().get() == null
                        && !histogram.busyProperty().get()));

        robot.clickOn("#histogram-take");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        robot.lookup("#histogram-live-confirmation").tryQuery().isPresent());
        robot.clickOn("Take live histogram");

        await().atMost(HISTOGRAM)
                .until(() -> onFx(() -> histogram.histogramProperty().get() != null));
        assertThat(onFx(() -> histogram.histogramProperty().get().mode())).isEqualTo(HistogramMode.LIVE);
        assertThat(onFx(() -> label(robot, "#histogram-status"))).contains("live objects, after a full GC");
    }

    @Test
    void aRecordingHasNoHistogramAndTheMenuSaysWhy(FxRobot robot) throws Exception {
        Path folder = TestRecordings.write(TestRecordings.recorded(), recordingsFolder.resolve("recording"));

        robot.interact(() -> model.openRecording(folder));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> onFx(() -> model.openRecordings().size() == 1));
        WaitForAsyncUtils.waitForFxEvents();
        MenuBar menus = robot.lookup("#menuBar").queryAs(MenuBar.class);
        MenuItem item = onFx(() -> menus.getMenus().stream()
                .flatMap(menu -> menu.getItems().stream())
                .filter(candidate -> "heapHistogramItem".equals(candidate.getId()))
                .findFirst()
                .orElseThrow());
        assertThat(onFx(item::isDisable)).isTrue();
        assertThat(onFx(item::getText)).isEqualTo("Heap histogram… (a recording from a folder cannot take one)");
        assertThat(onFx(() -> robot.lookup(".target-views").queryAs(TabPane.class).getTabs().stream()
                        .map(Tab::getText)
                        .toList()))
                .doesNotContain("Heap histogram");
    }

    private HistogramViewModel awaitDemoConnected(FxRobot robot) throws Exception {
        TargetViewModel demo = TestWindow.connect(robot, model, DEMO.target());
        return onFx(demo::histogram);
    }

    @SuppressWarnings("unchecked")
    private static TableView<HistogramRowView> table(FxRobot robot) {
        return robot.lookup("#histogram-table").queryAs(TableView.class);
    }

    private static List<String> classNames(TableView<HistogramRowView> table) {
        return table.getItems().stream().map(HistogramRowView::className).toList();
    }

    /** The class names of the rows drawn with the highlight, as the user sees them. */
    private static List<String> highlightedRows(FxRobot robot) {
        return robot.lookup(".table-row-cell.grpc-stream").queryAll().stream()
                .map(node -> (TableRow<?>) node)
                .map(row -> ((HistogramRowView) row.getItem()).className())
                .toList();
    }

    private static String selectedPage(FxRobot robot) {
        return robot.lookup(".target-views")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .getSelectedItem()
                .getText();
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).<Node>query() instanceof Label label ? label.getText() : null;
    }

    private static List<Path> csvs(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(exportFolder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                            && file.getFileName().toString().endsWith(".csv"))
                    .toList();
        }
    }
}
