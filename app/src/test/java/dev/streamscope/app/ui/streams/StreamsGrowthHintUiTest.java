package dev.streamscope.app.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.GrowingConnection;
import dev.streamscope.app.streams.SocketStreamAges;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Streams tab's hover on growth, headless under Monocle: the growth column's header and a growing row both say
 * why a climb is evidence when no age can be proven. The state is hand-made (what the recorder hands over).
 */
@ExtendWith(ApplicationExtension.class)
class StreamsGrowthHintUiTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Start
    void start(Stage stage) throws Exception {
        StreamsViewModel model = new StreamsViewModel();
        SocketStreamAges growing = new SocketStreamAges(
                1, SocketNode.Role.SERVER, "127.0.0.1:5001", "127.0.0.1:9", 1_812, 0, 1_812, false);
        SocketStreamAges steady =
                new SocketStreamAges(2, SocketNode.Role.SERVER, "127.0.0.1:5002", "127.0.0.1:9", 40, 0, 40, false);
        ChannelzStreamAges ages = new ChannelzStreamAges(
                NOW, Duration.ofSeconds(60), false, List.of(growing, steady), 1_852, new OverdueCount(0, 1_852), 0);
        model.show(
                new StreamsState(
                        StreamsState.Source.CHANNELZ,
                        null,
                        ages,
                        false,
                        LifetimeChoice.Source.DEFAULT,
                        List.of(new GrowingConnection(
                                1, "127.0.0.1:5001 → 127.0.0.1:9", "server", 12, 1_812, 1_200, 90, 0.99, null, null))),
                NOW.toEpochMilli());
        FXMLLoader loader = new FXMLLoader(StreamsView.class.getResource("StreamsView.fxml"));
        loader.setControllerFactory(type -> new StreamsView(model));
        Parent root = loader.load();
        stage.setScene(new Scene(root, 1200, 600));
        stage.show();
    }

    @Test
    void theGrowthColumnAndAGrowingRowExplainWhyAClimbIsEvidence(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();

        Label header = robot.lookup("#streams-growth-header").queryAs(Label.class);
        assertThat(header.getText()).isEqualTo("Growth (trend window)");
        assertThat(header.getTooltip().getText())
                .contains("climbed steadily")
                .contains("before any of them can be shown to be old");
        List<TableRow<?>> growingRows = robot.lookup(".stream-growing").queryAllAs(TableRow.class).stream()
                .<TableRow<?>>map(row -> row)
                .toList();
        assertThat(growingRows).hasSize(1);
        assertThat(growingRows.get(0).getTooltip().getText()).isEqualTo(SocketRowView.GROWTH_HINT);
        List<TableRow<?>> rows = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .<TableRow<?>>map(row -> row)
                .filter(row -> row.getItem() instanceof SocketRowView socket && !socket.growing())
                .toList();
        assertThat(rows).as("the steady socket's row").hasSize(1);
        assertThat(rows.get(0).getTooltip())
                .as("a row that does not grow has nothing to explain")
                .isNull();
    }
}
