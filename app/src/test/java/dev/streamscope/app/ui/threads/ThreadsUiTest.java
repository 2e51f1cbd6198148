package dev.streamscope.app.ui.threads;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.ui.SharedDemo;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.main.MainViewModel;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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

/**
 * The Threads page as a user opens it (Ctrl+T), headless under Monocle, against the real demo target started with its
 * switch that blocks an event loop. The one stand-in is the file chooser: it answers with a temp folder.
 */
@ExtendWith(ApplicationExtension.class)
class ThreadsUiTest {

    /** Three dumps 5 s apart make a finding; the machine is shared, so wait long. */
    private static final Duration FINDING = Duration.ofSeconds(90);

    @TempDir
    static Path exportFolder;

    @TempDir
    static Path settingsHome;

    @RegisterExtension
    static final SharedDemo DEMO = new SharedDemo(true);

    private MainViewModel model;

    private static final class ExportFolder extends TestWindow.NoFiles {
        @Override
        public Optional<Path> chooseTextFile(Window owner, String title, Path initialFolder, String initialName) {
            return Optional.of(exportFolder.resolve(initialName));
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
    void ctrlTShowsTheDemosBlockedEventLoopWithItsFrameAndSavesTheDump(FxRobot robot) throws Exception {
        TargetViewModel demo = TestWindow.connect(robot, model, DEMO.target());

        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);

        assertThat(onFx(() -> robot.lookup(".target-views")
                        .queryAs(TabPane.class)
                        .getSelectionModel()
                        .getSelectedItem()
                        .getText()))
                .isEqualTo("Threads");
        ListView<FindingRowView> findings = robot.lookup("#threads-findings").queryAs(ListView.class);
        await().atMost(FINDING)
                .until(() -> onFx(() -> findings.getItems().stream()
                        .anyMatch(finding -> finding.title().equals("Blocked event loop"))));
        FindingRowView blocked = onFx(() -> findings.getItems().stream()
                .filter(finding -> finding.title().equals("Blocked event loop"))
                .findFirst()
                .orElseThrow());
        assertThat(blocked.frame()).startsWith("dev.streamscope.app.demo.EventLoopBlocker.sleepOnTheEventLoop(");
        assertThat(blocked.evidence()).contains("consecutive samples");
        assertThat(blocked.advice()).contains("directExecutor");
        assertThat(onFx(() -> demo.threads().messageProperty().get()))
                .as("Ctrl+T's dump and the sampling's first one are one dump, not a refusal")
                .isEmpty();
        TableView<ThreadGroupRowView> groups = robot.lookup("#threads-groups").queryAs(TableView.class);
        assertThat(onFx(() ->
                        groups.getItems().stream().map(ThreadGroupRowView::kind).toList()))
                .contains("event loop");

        robot.interact(() -> findings.getSelectionModel().select(blocked));
        assertThat(onFx(() -> demo.threads().stackProperty().get())).contains("EventLoopBlocker.sleepOnTheEventLoop(");

        robot.clickOn("#threads-save");
        await().atMost(Duration.ofSeconds(30)).until(() -> dumps().size() == 1);
        assertThat(Files.readString(dumps().get(0)))
                .contains("Full thread dump")
                .contains("java.lang.Thread.State: ");
    }

    private static List<Path> dumps() throws Exception {
        try (var files = Files.list(exportFolder)) {
            return files.filter(file -> file.getFileName().toString().startsWith("threads-"))
                    .toList();
        }
    }
}
