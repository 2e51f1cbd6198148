package dev.streamscope.app.ui;

import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.recording.StreamsState;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

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
    private TableView<SocketRowView> sockets;

    @FXML
    private TableColumn<SocketRowView, String> socketColumn;

    @FXML
    private TableColumn<SocketRowView, String> roleColumn;

    @FXML
    private TableColumn<SocketRowView, Long> openColumn;

    @FXML
    private TableColumn<SocketRowView, String> boundsColumn;

    @FXML
    private TableColumn<SocketRowView, String> growthColumn;

    // one tooltip shared by every growing row: the rows refill on each channelz snapshot
    private final Tooltip growthHint = new Tooltip(SocketRowView.GROWTH_HINT);

    StreamsView(StreamsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(model.summaryProperty());
        summary.setId("streams-summary");
        sourceNote.textProperty().bind(model.sourceNoteProperty());
        streams.setItems(model.rows());
        streams.setId("streams-table");
        streams.setPlaceholder(new Label("No open streams reported."));
        text(methodColumn, row -> row.stream().method());
        text(sideColumn, row -> row.stream().side());
        text(typeColumn, row -> row.stream().type());
        text(peerColumn, row -> row.stream().peer());
        text(ageColumn, StreamRowView::ageText);
        text(lifetimeColumn, StreamRowView::lifetimeText);
        value(sentColumn, row -> row.stream().messagesSent());
        value(receivedColumn, row -> row.stream().messagesReceived());
        text(halfClosedColumn, StreamRowView::halfClosedText);
        text(activityColumn, StreamRowView::activityText);
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
        socketColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().socketText()));
        roleColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().roleText()));
        openColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().socket().open()));
        boundsColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().boundsText()));
        growthHint.setWrapText(true);
        growthHint.setMaxWidth(480);
        growthColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().growthText()));
        sockets.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(SocketRowView socket, boolean empty) {
                super.updateItem(socket, empty);
                getStyleClass().removeAll("stream-overdue", "stream-near", "stream-growing");
                setTooltip(!empty && socket != null && socket.growing() ? growthHint : null);
                if (!empty && socket != null && socket.growing() && !socket.provenOld()) {
                    getStyleClass().add("stream-growing");
                } else if (!empty && socket != null && socket.provenOld()) {
                    getStyleClass().add("stream-overdue");
                } else if (!empty && socket != null && socket.possiblyOld()) {
                    getStyleClass().add("stream-near");
                }
            }
        });
        model.sourceProperty().addListener((observable, before, source) -> showTableFor(source));
        showTableFor(model.sourceProperty().get());
    }

    private void showTableFor(StreamsState.Source source) {
        boolean channelz = source == StreamsState.Source.CHANNELZ;
        sockets.setVisible(channelz);
        streams.setVisible(!channelz);
    }

    private static void text(TableColumn<StreamRowView, String> column, Function<StreamRowView, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    private static void value(TableColumn<StreamRowView, Long> column, Function<StreamRowView, Long> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }
}
