package dev.streamscope.app.ui.streams;

import dev.streamscope.app.lifetime.StreamStatus;
import dev.streamscope.app.recording.StreamsState;
import dev.streamscope.app.ui.ColumnWidths;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

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
    private ChoiceBox<StreamGrouping> groupBy;

    @FXML
    private Label groupsNote;

    @FXML
    private VBox grouped;

    @FXML
    private TableView<GroupRowView> groups;

    @FXML
    private TableColumn<GroupRowView, String> groupColumn;

    @FXML
    private TableColumn<GroupRowView, String> groupMethodColumn;

    @FXML
    private TableColumn<GroupRowView, Long> groupOpenColumn;

    @FXML
    private TableColumn<GroupRowView, Long> groupOverdueColumn;

    @FXML
    private TableColumn<GroupRowView, String> groupOldestColumn;

    @FXML
    private TableColumn<GroupRowView, GroupRowView> groupShareColumn;

    @FXML
    private TableColumn<GroupRowView, String> groupSampledColumn;

    @FXML
    private TextArea frames;

    @FXML
    private TableColumn<SocketRowView, String> growthColumn;

    // one tooltip shared by every growing row and the column's header: the rows refill on each channelz snapshot
    private final Tooltip growthHint = new Tooltip(SocketRowView.GROWTH_HINT);

    public StreamsView(StreamsViewModel model) {
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
        // the header explains the column before any row grows: a climb is evidence even when no age is proven
        Label growthHeader = new Label(growthColumn.getText());
        growthHeader.setTooltip(growthHint);
        growthHeader.setId("streams-growth-header");
        growthColumn.setText("");
        growthColumn.setGraphic(growthHeader);
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
        initializeGroups();
        ColumnWidths.fitToContent(streams);
        ColumnWidths.fitToContent(sockets);
        ColumnWidths.fitToContent(groups);
        model.sourceProperty().addListener((observable, before, source) -> showTableFor());
        model.groupingProperty().addListener((observable, before, grouping) -> showTableFor());
        showTableFor();
    }

    private void initializeGroups() {
        groupBy.getItems().setAll(StreamGrouping.values());
        groupBy.valueProperty().bindBidirectional(model.groupingProperty());
        groupBy.setId("streams-group-by");
        groupsNote.textProperty().bind(model.groupsNoteProperty());
        groups.setItems(model.groups());
        groups.setId("streams-groups");
        groups.setPlaceholder(new Label("No open streams in any group."));
        groupColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().group()));
        groupMethodColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().method()));
        groupOpenColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().open()));
        groupOverdueColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().overdue()));
        groupOldestColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().oldestText()));
        groupSampledColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().sampledText()));
        groupShareColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        groupShareColumn.setCellFactory(column -> new ShareCell());
        groups.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(GroupRowView row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("stream-overdue");
                if (!empty && row != null && row.overdue() > 0) {
                    getStyleClass().add("stream-overdue");
                }
            }
        });
        groups.getSelectionModel().selectedItemProperty().addListener((observable, before, row) -> {
            if (row != null) {
                model.select(row);
            }
        });
        // refilling the rows every tick clears the selection: put it back on the same group
        model.groups().addListener((ListChangeListener<GroupRowView>) change -> {
            int index = model.selectedIndex();
            if (index >= 0) {
                groups.getSelectionModel().select(index);
            }
        });
        frames.textProperty().bind(model.framesProperty());
        frames.setId("streams-site-frames");
    }

    private void showTableFor() {
        boolean channelz = model.sourceProperty().get() == StreamsState.Source.CHANNELZ;
        boolean byGroup = model.groupingProperty().get() != StreamGrouping.STREAM;
        sockets.setVisible(channelz && !byGroup);
        streams.setVisible(!channelz && !byGroup);
        grouped.setVisible(byGroup);
    }

    /** A group's share of the open streams: a small bar and its percentage. */
    private static final class ShareCell extends TableCell<GroupRowView, GroupRowView> {
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final HBox box = new HBox(6, bar, text);

        ShareCell() {
            bar.setPrefWidth(80);
        }

        @Override
        protected void updateItem(GroupRowView row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            bar.setProgress(row.share());
            text.setText(row.shareText());
            setGraphic(box);
        }
    }

    private static void text(TableColumn<StreamRowView, String> column, Function<StreamRowView, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    private static void value(TableColumn<StreamRowView, Long> column, Function<StreamRowView, Long> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }
}
