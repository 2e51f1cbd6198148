package dev.streamscope.app.ui.threads;

import dev.streamscope.app.ui.FileDialogs;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The Threads page: binds its controls to a {@link ThreadsViewModel}; formats nothing itself. */
public final class ThreadsView {

    private final ThreadsViewModel model;
    private final FileDialogs files;
    private final Supplier<Path> exportFolder;

    @FXML
    private Button dumpButton;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label status;

    @FXML
    private Button saveButton;

    @FXML
    private Label message;

    @FXML
    private ListView<FindingRowView> findings;

    @FXML
    private TableView<ThreadGroupRowView> groups;

    @FXML
    private TableColumn<ThreadGroupRowView, String> poolColumn;

    @FXML
    private TableColumn<ThreadGroupRowView, String> kindColumn;

    @FXML
    private TableColumn<ThreadGroupRowView, Integer> countColumn;

    @FXML
    private TableColumn<ThreadGroupRowView, String> statesColumn;

    @FXML
    private TableColumn<ThreadGroupRowView, String> busyColumn;

    @FXML
    private TableColumn<ThreadGroupRowView, Double> minuteColumn;

    @FXML
    private TableView<ThreadRowView> threads;

    @FXML
    private TableColumn<ThreadRowView, String> nameColumn;

    @FXML
    private TableColumn<ThreadRowView, String> stateColumn;

    @FXML
    private TableColumn<ThreadRowView, String> topColumn;

    @FXML
    private TextArea stack;

    @FXML
    private Button copyButton;

    public ThreadsView(ThreadsViewModel model, FileDialogs files, Supplier<Path> exportFolder) {
        this.model = model;
        this.files = files;
        this.exportFolder = exportFolder;
    }

    @FXML
    private void initialize() {
        dumpButton.setId("threads-dump");
        dumpButton.setDisable(model.unavailableReason() != null);
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(model.busyProperty());
        status.textProperty().bind(model.statusProperty());
        status.setId("threads-status");
        message.textProperty().bind(model.messageProperty());
        message.setId("threads-message");
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        saveButton.setId("threads-save");
        findings.setId("threads-findings");
        findings.setItems(model.findings());
        findings.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(FindingRowView item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.text());
                setWrapText(true);
                getStyleClass().remove("finding-ended");
                if (item != null && !item.active()) {
                    getStyleClass().add("finding-ended");
                }
            }
        });
        findings.getSelectionModel()
                .selectedItemProperty()
                .addListener((observable, before, selected) -> model.select(selected));
        groups.setId("threads-groups");
        groups.setItems(model.groups());
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        column(poolColumn, ThreadGroupRowView::pool);
        column(kindColumn, ThreadGroupRowView::kind);
        column(countColumn, ThreadGroupRowView::threads);
        column(statesColumn, ThreadGroupRowView::states);
        column(busyColumn, ThreadGroupRowView::busy);
        column(minuteColumn, ThreadGroupRowView::busyLastMinute);
        minuteColumn.setCellFactory(column -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Double share, boolean empty) {
                super.updateItem(share, empty);
                if (empty || share == null) {
                    setGraphic(null);
                } else {
                    bar.setProgress(share);
                    bar.setMaxWidth(Double.MAX_VALUE);
                    setGraphic(bar);
                }
            }
        });
        threads.setId("threads-threads");
        threads.setItems(model.threads());
        threads.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        column(nameColumn, ThreadRowView::name);
        column(stateColumn, ThreadRowView::state);
        column(topColumn, ThreadRowView::top);
        threads.getSelectionModel().selectedItemProperty().addListener((observable, before, selected) -> {
            if (selected != null) {
                model.select(selected);
            }
        });
        stack.textProperty().bind(model.stackProperty());
        stack.setId("threads-stack");
        copyButton.setId("threads-copy");
        copyButton.disableProperty().bind(model.stackProperty().isEmpty());
    }

    private static <R, T> void column(TableColumn<R, T> column, Function<R, T> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    @FXML
    private void dumpNow() {
        model.dumpNow();
    }

    @FXML
    private void copyStack() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.stackProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void saveDump() {
        files.chooseTextFile(
                        stack.getScene().getWindow(), "Save the thread dump", exportFolder.get(), model.dumpFileName())
                .ifPresent(model::saveDump);
    }
}
