package dev.streamscope.app.ui;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.lifetime.StreamRecord;
import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.streams.SocketStreamAges;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The Streams tab's controller: the oldest open streams from the jmx-bridge, overdue ones red and those past 80% of
 * their lifetime amber; or, without the bridge, per-socket bounds derived from channelz counters.
 */
public final class StreamsView {

    private final StreamsViewModel model;

    @FXML
    private Label summary;

    @FXML
    private Label sourceNote;

    @FXML
    private TableView<StreamRowView> streams;

    @FXML
    private TableColumn<StreamRowView, String> methodColumn;

    @FXML
    private TableColumn<StreamRowView, String> sideColumn;

    @FXML
    private TableColumn<StreamRowView, String> typeColumn;

    @FXML
    private TableColumn<StreamRowView, String> peerColumn;

    @FXML
    private TableColumn<StreamRowView, String> ageColumn;

    @FXML
    private TableColumn<StreamRowView, String> lifetimeColumn;

    @FXML
    private TableColumn<StreamRowView, Long> sentColumn;

    @FXML
    private TableColumn<StreamRowView, Long> receivedColumn;

    @FXML
    private TableColumn<StreamRowView, String> halfClosedColumn;

    @FXML
    private TableColumn<StreamRowView, String> activityColumn;

    @FXML
    private TableView<SocketStreamAges> sockets;

    @FXML
    private TableColumn<SocketStreamAges, String> socketColumn;

    @FXML
    private TableColumn<SocketStreamAges, String> roleColumn;

    @FXML
    private TableColumn<SocketStreamAges, Long> openColumn;

    @FXML
    private TableColumn<SocketStreamAges, String> boundsColumn;

    StreamsView(StreamsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(model.summaryProperty());
        summary.setId("streams-summary");
        sourceNote
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> switch (model.sourceProperty().get()) {
                            case BRIDGE ->
                                "Each open stream as the jmx-bridge tracks it inside the target. Red: older than"
                                        + " its lifetime. Amber: past 80% of it. View → Stream lifetimes… (Ctrl+L) sets them.";
                            case CHANNELZ ->
                                "This target has no jmx-bridge, so per-stream ages are unknown. These bounds are"
                                        + " derived from channelz socket counters: how many of each socket's open streams must"
                                        + " be, and may be, older than the lifetime.";
                            case NONE ->
                                "Stream ages need the jmx-bridge in the target (one interceptor per server and"
                                        + " channel, see the README) or a channelz address for bounds.";
                        },
                        model.sourceProperty()));
        streams.setItems(model.rows());
        streams.setId("streams-table");
        streams.setPlaceholder(new Label("No open streams reported."));
        text(methodColumn, row -> row.stream().method());
        text(sideColumn, row -> row.stream().side());
        text(typeColumn, row -> row.stream().type());
        text(peerColumn, row -> row.stream().peer());
        text(ageColumn, row -> row.ageMillis() == null ? null : DurationText.age(Duration.ofMillis(row.ageMillis())));
        text(lifetimeColumn, row -> DurationText.age(row.lifetime()));
        value(sentColumn, row -> row.stream().messagesSent());
        value(receivedColumn, row -> row.stream().messagesReceived());
        text(halfClosedColumn, row -> halfClosed(row.stream()));
        text(
                activityColumn,
                row -> row.stream().lastActivityEpochMillis() == null
                        ? null
                        : DurationText.age(Duration.ofMillis(System.currentTimeMillis()
                                        - row.stream().lastActivityEpochMillis()))
                                + " ago");
        streams.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(StreamRowView row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("stream-overdue", "stream-near");
                if (!empty && row != null && row.status() != StreamStatus.OK) {
                    getStyleClass().add(row.status() == StreamStatus.OVERDUE ? "stream-overdue" : "stream-near");
                }
            }
        });
        sockets.setItems(model.sockets());
        sockets.setPlaceholder(new Label("No socket has open streams."));
        socketColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                cell.getValue().localAddress() + " → " + cell.getValue().remoteAddress()));
        roleColumn.setCellValueFactory(cell ->
                new ReadOnlyObjectWrapper<>(cell.getValue().role().name().toLowerCase(Locale.ROOT)));
        openColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().open()));
        boundsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(bounds(cell.getValue())));
        sockets.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(SocketStreamAges socket, boolean empty) {
                super.updateItem(socket, empty);
                getStyleClass().removeAll("stream-overdue", "stream-near");
                if (!empty && socket != null && socket.olderAtLeast() > 0) {
                    getStyleClass().add("stream-overdue");
                } else if (!empty && socket != null && socket.olderAtMost() > 0) {
                    getStyleClass().add("stream-near");
                }
            }
        });
        model.sourceProperty().addListener((observable, before, source) -> showTableFor(source));
        showTableFor(model.sourceProperty().get());
    }

    private void showTableFor(StreamsViewModel.Source source) {
        boolean channelz = source == StreamsViewModel.Source.CHANNELZ;
        sockets.setVisible(channelz);
        streams.setVisible(!channelz);
    }

    /** "≥ 37 of 40 older than the lifetime", as DESIGN.md words the channelz bounds. */
    private static String bounds(SocketStreamAges socket) {
        if (socket.allOld()) {
            return "all " + socket.open() + " (no stream created since the lifetime began)";
        }
        if (socket.olderAtLeast() == socket.olderAtMost()) {
            return socket.olderAtLeast() + " of " + socket.open();
        }
        return "≥ " + socket.olderAtLeast() + " of " + socket.open() + " (at most " + socket.olderAtMost() + ")";
    }

    private static String halfClosed(StreamRecord stream) {
        boolean local = Boolean.TRUE.equals(stream.halfClosedLocal());
        boolean remote = Boolean.TRUE.equals(stream.halfClosedRemote());
        if (local && remote) {
            return "both";
        }
        return local ? "local" : remote ? "remote" : "no";
    }

    private static void text(TableColumn<StreamRowView, String> column, Function<StreamRowView, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    private static void value(TableColumn<StreamRowView, Long> column, Function<StreamRowView, Long> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }
}
