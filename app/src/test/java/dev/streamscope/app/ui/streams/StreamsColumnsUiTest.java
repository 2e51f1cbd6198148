package dev.streamscope.app.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.channelz.SocketNode;
import dev.streamscope.app.lifetime.BridgeStreams;
import dev.streamscope.app.lifetime.LifetimeChoice;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.lifetime.OverdueCount;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.streams.ChannelzStreamAges;
import dev.streamscope.app.streams.SocketStreamAges;
import dev.streamscope.app.ui.ColumnWidths;
import dev.streamscope.app.ui.Views;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Streams table's columns fit what they show, headless under Monocle: no header or cell is cut ("SERV…",
 * "Lifeti…", a peer cut mid-address) and the last column takes the rest of a wide window.
 */
@ExtendWith(ApplicationExtension.class)
class StreamsColumnsUiTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private StreamsViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        model = new StreamsViewModel();
        model.show(bridgeState(), NOW.toEpochMilli());
        FXMLLoader loader = new FXMLLoader(StreamsView.class.getResource("StreamsView.fxml"));
        loader.setControllerFactory(type -> new StreamsView(model));
        Parent root = loader.load();
        Scene scene = new Scene(root, 1280, 600);
        scene.getStylesheets().add(Views.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void streamColumnsShowTheirHeadersAndCellsWholeAndTheLastTakesTheRest(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#streams-table").queryAs(TableView.class);

        assertWhole(table);
    }

    @Test
    void socketColumnsShowTheirHeadersAndCellsWhole(FxRobot robot) throws Exception {
        robot.interact(() -> model.show(channelzState(), NOW.toEpochMilli()));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup(".table-view").queryAllAs(TableView.class).stream()
                .filter(Node::isVisible)
                .findFirst()
                .orElseThrow();

        assertThat(onFx(() -> table.getItems().size())).isEqualTo(2);
        assertWhole(table);
    }

    private static void assertWhole(TableView<?> table) throws Exception {
        Label aHeader = onFx(() -> (Label) table.lookup(".column-header .label"));
        Text measure = new Text();
        double widths = 0;
        for (TableColumn<?, ?> column : onFx(() -> List.copyOf(table.getVisibleLeafColumns()))) {
            String title = ColumnWidths.headerText(column);
            double titleWidth = onFx(() -> {
                measure.setFont(aHeader.getFont());
                measure.setText(title);
                return measure.getLayoutBounds().getWidth();
            });
            assertThat(onFx(column::getWidth))
                    .as("column " + title + " is not narrower than its header")
                    .isGreaterThanOrEqualTo(titleWidth);
            widths += onFx(column::getWidth);
        }
        assertThat(widths)
                .as("the last column takes the rest of the width")
                .isGreaterThanOrEqualTo(onFx(table::getWidth) - 40);
        List<String> shown = onFx(() -> Stream.concat(
                        table.lookupAll(".column-header .label").stream(), table.lookupAll(".table-cell").stream())
                .filter(node -> node instanceof Labeled labeled
                        && labeled.getText() != null
                        && !labeled.getText().isEmpty()
                        && !(node instanceof TableCell<?, ?> cell && cell.isEmpty()))
                .map(node -> shownText((Labeled) node) + " ≟ " + ((Labeled) node).getText())
                .toList());
        assertThat(shown)
                .isNotEmpty()
                .allSatisfy(pair ->
                        assertThat(pair.split(" ≟ ", 2)[0]).as("shown whole").isEqualTo(pair.split(" ≟ ", 2)[1]));
    }

    /** What a label really draws: its text, or the text cut with an ellipsis when it does not fit. */
    private static String shownText(Labeled labeled) {
        return labeled.getChildrenUnmodifiable().stream()
                .filter(Text.class::isInstance)
                .map(node -> ((Text) node).getText())
                .findFirst()
                .orElse(labeled.getText());
    }

    private static StreamsState bridgeState() {
        List<StreamRecord> rows = List.of(
                stream(
                        1,
                        "SERVER",
                        "com.acme.inventory.v1.InventoryService/WatchWarehouseStock",
                        "BIDI_STREAMING",
                        "[2001:db8:85a3::8a2e:370:7334]:50512",
                        3_600_000),
                stream(2, "CLIENT", "acme.Feed/Watch", "SERVER_STREAMING", "10.120.14.200:443", 90_000),
                stream(3, "SERVER", "acme.Feed/Get", "UNARY", "127.0.0.1:50123", 2_000));
        BridgeStreams bridge = new BridgeStreams(
                NOW,
                1,
                3,
                10L,
                7L,
                0L,
                100_000,
                1_000.0,
                3_600_000L,
                500,
                rows,
                LifetimePolicy.DEFAULT,
                OverdueCount.exactly(2),
                3,
                0,
                0,
                null,
                null);
        return new StreamsState(
                StreamsState.Source.BRIDGE, bridge, null, false, LifetimeChoice.Source.DEFAULT, List.of());
    }

    private static StreamRecord stream(long id, String side, String method, String type, String peer, long age) {
        return new StreamRecord(
                id,
                side,
                method,
                type,
                null,
                peer,
                NOW.toEpochMilli() - age,
                age,
                123_456L,
                98_765L,
                false,
                false,
                NOW.toEpochMilli() - 1_000);
    }

    private static StreamsState channelzState() {
        List<SocketStreamAges> sockets = List.of(
                new SocketStreamAges(
                        1,
                        SocketNode.Role.SERVER,
                        "[2001:db8:85a3::8a2e:370:7334]:50051",
                        "[2001:db8:85a3::8a2e:370:9999]:61234",
                        1_812,
                        37,
                        1_812,
                        false),
                new SocketStreamAges(2, SocketNode.Role.CLIENT, "10.0.0.1:40000", "10.0.0.2:443", 40, 0, 40, false));
        ChannelzStreamAges ages = new ChannelzStreamAges(
                NOW, Duration.ofSeconds(60), false, sockets, 1_852, new OverdueCount(37, 1_852), 0);
        return new StreamsState(
                StreamsState.Source.CHANNELZ, null, ages, false, LifetimeChoice.Source.DEFAULT, List.of());
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
