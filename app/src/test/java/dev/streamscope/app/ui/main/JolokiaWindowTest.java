package dev.streamscope.app.ui.main;

import static dev.streamscope.app.ui.TestWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamscope.app.chart.LiveChart;
import dev.streamscope.app.demo.JolokiaDemoChildMain;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JolokiaAgent;
import dev.streamscope.app.ui.TestWindow;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jolokia.client.J4pClient;
import org.jolokia.client.request.J4pExecRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window reaches the demo service through the real Jolokia agent: the agent's URL typed in the connect dialog
 * opens a tab whose heap and GC-pause charts fill as over JMX, and whose status says what polling LastGcInfo loses.
 */
@ExtendWith(ApplicationExtension.class)
class JolokiaWindowTest {

    private static final Duration EVENT = Duration.ofSeconds(90);

    @TempDir
    static Path settingsHome;

    private static ChildJvm child;
    private static String url;

    private MainViewModel model;

    @BeforeAll
    static void startChild() throws Exception {
        int port = ChildJvm.freePort();
        child = ChildJvm.start(JolokiaDemoChildMain.class, List.of(JolokiaAgent.javaagent(port)), List.of());
        JolokiaAgent.awaitListening(port);
        url = JolokiaAgent.url(port);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Start
    void start(Stage stage) {
        model = TestWindow.show(stage, settingsHome, Duration.ofMillis(500), new TestWindow.NoFiles());
    }

    @AfterEach
    void shutDown() throws Exception {
        TestWindow.shutDown(model);
    }

    @Test
    void theAgentsUrlTypedInTheConnectDialogOpensATabWithHeapAndGcPauses(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TextField address = robot.lookup("#connect-address").queryAs(TextField.class);
        robot.interact(() -> address.setText(url));
        robot.clickOn("#connect-button");

        TargetViewModel target = TestWindow.awaitConnected(model);
        await().atMost(EVENT).until(() -> onFx(() -> points(target, "heap") >= 3));
        // a collection in the target (Memory.gc() over the same agent, which has no policy here) is charted
        new J4pClient(url).execute(new J4pExecRequest("java.lang:type=Memory", "gc()"));
        await().atMost(EVENT).until(() -> onFx(() -> points(target, "gc-pauses") >= 1));

        assertThat(onFx(() -> target.statusMessageProperty().get()))
                .contains(url)
                .contains("LastGcInfo");
        assertThat(onFx(() -> model.targets().size())).isEqualTo(1);
    }

    private static int points(TargetViewModel target, String chartId) {
        return target.charts().stream()
                .filter(chart -> chart.id().equals(chartId))
                .mapToInt(LiveChart::pointCount)
                .sum();
    }
}
