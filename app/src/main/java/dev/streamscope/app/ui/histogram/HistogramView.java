package dev.streamscope.app.ui.histogram;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import dev.streamscope.app.ui.DialogLook;
import dev.streamscope.app.ui.FileDialogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * A target's heap histogram page, bound to {@link HistogramViewModel}: take one (asking first for a live one), switch
 * between all classes and the change since the previous histogram, filter, sort, export CSV.
 */
public final class HistogramView {

    static final ButtonType TAKE_LIVE = new ButtonType("Take live histogram", ButtonBar.ButtonData.OK_DONE);

    private final HistogramViewModel model;
    private final FileDialogs files;
    private final Supplier<Path> exportFolder;

    @FXML
    private Button takeButton;

    @FXML
    private ToggleGroup modeGroup;

    @FXML
    private ToggleButton allMode;

    @FXML
    private ToggleButton liveMode;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label status;

    @FXML
    private Button exportButton;

    @FXML
    private Label modeNote;

    @FXML
    private Label message;

    @FXML
    private ToggleGroup tableGroup;

    @FXML
    private ToggleButton classesTable;

    @FXML
    private ToggleButton changeTable;

    @FXML
    private TextField filter;

    @FXML
    private Label grpcCalls;

    @FXML
    private Label truncation;

    @FXML
    private Label changeSummary;

    @FXML
    private TableView<HistogramRowView> table;

    @FXML
    private Label placeholder;

    @FXML
    private ChoiceBox<Duration> deadline;

    @FXML
    private TableColumn<HistogramRowView, String> classColumn;

    @FXML
    private TableColumn<HistogramRowView, HistogramRowView> instancesColumn;

    @FXML
    private TableColumn<HistogramRowView, HistogramRowView> bytesColumn;

    public HistogramView(HistogramViewModel model, FileDialogs files, Supplier<Path> exportFolder) {
        this.model = model;
        this.files = files;
        this.exportFolder = exportFolder;
    }

    @FXML
    private void initialize() {
        takeButton.disableProperty().bind(model.busyProperty());
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(model.busyProperty());
        status.textProperty().bind(model.statusProperty());
        status.setId("histogram-status");
        exportButton.disableProperty().bind(model.histogramProperty().isNull());
        modeNote.textProperty().bind(model.modeNoteProperty());
        message.textProperty().bind(model.messageProperty());
        message.setId("histogram-message");
        showHidden(message, model.messageProperty());
        model.failedProperty().addListener((observable, before, failed) -> styleMessage(failed));
        styleMessage(model.failedProperty().get());
        grpcCalls.textProperty().bind(model.grpcCallsProperty());
        grpcCalls.setId("histogram-grpc-calls");
        truncation.textProperty().bind(model.truncationProperty());
        truncation.setId("histogram-truncation");
        changeSummary.textProperty().bind(model.changeSummaryProperty());
        changeSummary.setId("histogram-change-summary");
        changeSummary.visibleProperty().bind(model.tableProperty().isEqualTo(HistogramViewModel.Table.CHANGE));
        changeSummary.managedProperty().bind(changeSummary.visibleProperty());
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.setId("histogram-filter");
        filter.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                filter.clear();
                event.consume();
            }
        });
        placeholder.textProperty().bind(model.placeholderProperty());
        changeTable.disableProperty().bind(model.changeAvailableProperty().not());
        changeTable.setId("histogram-change-table");
        classesTable.setId("histogram-classes-table");
        allMode.setId("histogram-all");
        liveMode.setId("histogram-live");
        takeButton.setId("histogram-take");
        deadline.setId("histogram-deadline");
        deadline.getItems().setAll(HistogramViewModel.DEADLINES);
        deadline.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration wait) {
                return wait == null ? "" : DurationText.format(wait);
            }

            @Override
            public Duration fromString(String text) {
                throw new UnsupportedOperationException("the waits are chosen, not typed");
            }
        });
        deadline.valueProperty().bindBidirectional(model.deadlineProperty());
        deadline.disableProperty().bind(model.busyProperty());
        exportButton.setId("histogram-export");
        bindChoice(
                modeGroup,
                Map.of(allMode, HistogramMode.ALL, liveMode, HistogramMode.LIVE),
                model.modeProperty(),
                model::chooseMode);
        bindChoice(
                tableGroup,
                Map.of(classesTable, HistogramViewModel.Table.CLASSES, changeTable, HistogramViewModel.Table.CHANGE),
                model.tableProperty(),
                model::chooseTable);
        bindTable();
    }

    private void bindTable() {
        table.setId("histogram-table");
        SortedList<HistogramRowView> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        classColumn.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(cell.getValue().className()));
        number(instancesColumn, HistogramRowView::instances, HistogramRowView::instancesText);
        number(bytesColumn, HistogramRowView::bytes, HistogramRowView::bytesText);
        instancesColumn.textProperty().bind(model.instancesHeaderProperty());
        bytesColumn.textProperty().bind(model.bytesHeaderProperty());
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(HistogramRowView row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("grpc-stream");
                if (!empty && row != null && row.streamClass()) {
                    getStyleClass().add("grpc-stream");
                }
            }
        });
    }

    /** A numeric column: sorts by the number, shows it as the view model words it. */
    private static void number(
            TableColumn<HistogramRowView, HistogramRowView> column,
            ToLongFunction<HistogramRowView> value,
            Function<HistogramRowView, String> text) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator(Comparator.comparingLong(value));
        column.setCellFactory(view -> new TableCell<>() {
            @Override
            protected void updateItem(HistogramRowView row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
    }

    /** Keeps a group of toggles and a choice of the model in step; one toggle stays selected. */
    private static <T> void bindChoice(
            ToggleGroup group, Map<Toggle, T> choices, ReadOnlyProperty<T> chosen, Consumer<T> choose) {
        Runnable select = () -> choices.forEach((toggle, choice) -> {
            if (choice == chosen.getValue() && !toggle.isSelected()) {
                toggle.setSelected(true);
            }
        });
        select.run();
        group.selectedToggleProperty().addListener((observable, before, selected) -> {
            if (selected == null) {
                before.setSelected(true);
            } else if (choices.get(selected) != chosen.getValue()) {
                choose.accept(choices.get(selected));
            }
        });
        chosen.addListener((observable, before, now) -> select.run());
    }

    private static void showHidden(Label label, ObservableStringValue text) {
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    private void styleMessage(boolean failed) {
        message.getStyleClass().remove("error");
        if (failed) {
            message.getStyleClass().add("error");
        }
    }

    @FXML
    private void take() {
        takeAsking(table.getScene().getWindow(), model);
    }

    @FXML
    private void export() {
        Window owner = table.getScene().getWindow();
        files.chooseCsvFile(owner, "Export the class histogram as CSV", exportFolder.get(), model.exportFileName())
                .ifPresent(model::export);
    }

    /**
     * Takes a histogram, asking first when it is a live one (a full GC on the target); Esc or Cancel takes nothing.
     * The window's Ctrl+H comes here too.
     */
    public static void takeAsking(Window owner, HistogramViewModel model) {
        if (model.needsConfirmation() && !confirmed(owner, model.confirmationText())) {
            return;
        }
        model.take();
    }

    private static boolean confirmed(Window owner, String question) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, TAKE_LIVE, ButtonType.CANCEL);
        DialogLook.ownedBy(owner, ask);
        ask.setTitle("Live class histogram");
        ask.setHeaderText("A live histogram counts reachable objects only.");
        ask.getDialogPane().setId("histogram-live-confirmation");
        Optional<ButtonType> answer = ask.showAndWait();
        return answer.isPresent() && answer.get() == TAKE_LIVE;
    }
}
