package dev.streamscope.app.ui;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.channelz.ChannelzDetails;
import dev.streamscope.app.channelz.ChannelzSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * The Channelz tab's controller: a live tree of channels, subchannels, servers and sockets with a details pane, bound
 * to the target's view model. Each refresh is diffed into the tree ({@link ChannelzTreeModel}).
 */
public final class ChannelzView {

    private final TargetViewModel model;
    private final ChannelzTreeModel treeModel = new ChannelzTreeModel();

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

    ChannelzView(TargetViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        tree.setRoot(treeModel.root());
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
                setText(
                        empty || time == null
                                ? null
                                : DurationText.age(Duration.between(time, Instant.now())) + " ago");
            }
        });
        filter.textProperty().addListener((observable, before, text) -> treeModel.filter(text));
        status.textProperty().bind(model.channelzStatusProperty());
        model.channelzFailingProperty().addListener((observable, before, failing) -> {
            status.getStyleClass().remove("error");
            if (failing) {
                status.getStyleClass().add("error");
            }
        });
        model.channelzSnapshotProperty().addListener((observable, before, snapshot) -> show(snapshot));
        tree.getSelectionModel().selectedItemProperty().addListener((observable, before, item) -> describe(item));
        show(model.channelzSnapshotProperty().get());
    }

    private void show(ChannelzSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        treeModel.apply(snapshot);
        describe(tree.getSelectionModel().getSelectedItem());
    }

    private void describe(TreeItem<ChannelzRow> item) {
        if (item == null || item.getValue().entity() == null) {
            details.clear();
            return;
        }
        double scroll = details.getScrollTop();
        details.setText(ChannelzDetails.describe(item.getValue().entity(), Instant.now()));
        details.setScrollTop(scroll);
    }

    private static <T> void column(TreeTableColumn<ChannelzRow, T> column, Function<ChannelzRow, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
                cell.getValue() == null || cell.getValue().getValue() == null
                        ? null
                        : value.apply(cell.getValue().getValue())));
    }
}
