package dev.streamscope.app.ui.channelz;

import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * The Channelz tab's controller: a live tree of channels, subchannels, servers and sockets with a details pane, bound
 * to the target's view model. Each refresh is diffed into the tree ({@link ChannelzTreeModel}).
 */
public final class ChannelzView {

    private final ChannelzViewModel model;

    @FXML
    private TextField filter;

    @FXML
    private Label status;

    @FXML
    private TreeTableView<ChannelzRow> tree;

    @FXML
    private TreeTableColumn<ChannelzRow, String> nameColumn;

    @FXML
    private TreeTableColumn<ChannelzRow, String> stateColumn;

    @FXML
    private TreeTableColumn<ChannelzRow, Long> startedColumn;

    @FXML
    private TreeTableColumn<ChannelzRow, Long> succeededColumn;

    @FXML
    private TreeTableColumn<ChannelzRow, Long> failedColumn;

    @FXML
    private TreeTableColumn<ChannelzRow, Long> openColumn;

    @FXML
    private TreeTableColumn<ChannelzRow, Instant> activityColumn;

    @FXML
    private TextArea details;

    public ChannelzView(ChannelzViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        tree.setRoot(model.root());
        tree.setId("channelz-tree");
        tree.setPlaceholder(new Label("Waiting for the first channelz refresh…"));
        column(nameColumn, ChannelzRow::name);
        column(stateColumn, ChannelzRow::state);
        column(startedColumn, ChannelzRow::started);
        column(succeededColumn, ChannelzRow::succeeded);
        column(failedColumn, ChannelzRow::failed);
        column(openColumn, ChannelzRow::open);
        column(activityColumn, ChannelzRow::lastActivity);
        activityColumn.setCellFactory(column -> new TreeTableCell<>() {
            @Override
            protected void updateItem(Instant time, boolean empty) {
                super.updateItem(time, empty);
                setText(empty ? null : ChannelzViewModel.ago(time, Instant.now()));
            }
        });
        model.filterProperty().bind(filter.textProperty());
        status.textProperty().bind(model.statusProperty());
        model.failingProperty().addListener((observable, before, failing) -> {
            status.getStyleClass().remove("error");
            if (failing) {
                status.getStyleClass().add("error");
            }
        });
        model.selectedProperty().bind(tree.getSelectionModel().selectedItemProperty());
        model.detailsProperty().addListener((observable, before, text) -> {
            double scroll = details.getScrollTop(); // a refresh keeps the reader's place
            details.setText(text);
            details.setScrollTop(scroll);
        });
        details.setText(model.detailsProperty().get());
    }

    private static <T> void column(TreeTableColumn<ChannelzRow, T> column, Function<ChannelzRow, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                cell.getValue() == null || cell.getValue().getValue() == null
                        ? null
                        : value.apply(cell.getValue().getValue())));
    }
}
