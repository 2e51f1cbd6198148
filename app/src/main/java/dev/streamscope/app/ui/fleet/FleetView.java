package dev.streamscope.app.ui.fleet;

import dev.streamscope.app.fleet.FleetMethod;
import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.ui.ColumnWidths;
import dev.streamscope.app.ui.Views;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/** Binds the Fleet tab to its {@link FleetViewModel}; Enter or a double click opens the selected instance. */
public final class FleetView {

    private final FleetViewModel model;

    @FXML
    private TextField urlField;

    @FXML
    private TextField filterField;

    @FXML
    private TextField jmxTemplateField;

    @FXML
    private TextField channelzTemplateField;

    @FXML
    private Button refreshButton;

    @FXML
    private Button openButton;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label status;

    @FXML
    private TableView<FleetViewModel.Entry> table;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> instanceColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> openColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> perMinuteColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> overdueColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> oldestColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> heapColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, FleetRow> sparklineColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> labelsColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> sourceColumn;

    @FXML
    private TableColumn<FleetViewModel.Entry, String> methodColumn;

    @FXML
    private TableView<FleetMethod> methodsTable;

    @FXML
    private TableColumn<FleetMethod, String> methodNameColumn;

    @FXML
    private TableColumn<FleetMethod, String> sideColumn;

    @FXML
    private TableColumn<FleetMethod, String> inFlightColumn;

    @FXML
    private TableColumn<FleetMethod, String> methodGrowthColumn;

    @FXML
    private TableColumn<FleetMethod, String> methodOldestColumn;

    @FXML
    private TableColumn<FleetMethod, FleetMethod> methodSparklineColumn;

    public static Parent load(FleetViewModel model) {
        return Views.load(FleetView.class, "FleetView.fxml", type -> new FleetView(model));
    }

    FleetView(FleetViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        urlField.textProperty().bindBidirectional(model.urlProperty());
        filterField.textProperty().bindBidirectional(model.filterProperty());
        jmxTemplateField.textProperty().bindBidirectional(model.jmxTemplateProperty());
        channelzTemplateField.textProperty().bindBidirectional(model.channelzTemplateProperty());
        status.textProperty().bind(model.statusProperty());
        status.styleProperty()
                .bind(Bindings.when(model.failedProperty())
                        .then("-fx-text-fill: #c62828;")
                        .otherwise(""));
        progress.visibleProperty().bind(model.busyProperty());
        refreshButton.disableProperty().bind(model.busyProperty());
        openButton
                .disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.setItems(model.entries());
        text(instanceColumn, FleetRow::instance);
        text(openColumn, row -> FleetViewModel.count(row.open()));
        text(perMinuteColumn, row -> FleetViewModel.perMinute(row.perMinute()));
        text(overdueColumn, row -> FleetViewModel.count(row.overdue()));
        text(oldestColumn, row -> FleetViewModel.age(row.oldestAgeSeconds()));
        text(heapColumn, FleetViewModel::heap);
        text(labelsColumn, FleetViewModel::labels);
        text(sourceColumn, FleetViewModel::source);
        text(methodColumn, FleetViewModel::method);
        sparklineColumn.setCellValueFactory(cell -> cell.getValue().rowProperty());
        sparklineColumn.setCellFactory(column -> SparklineCell.ofRow());
        sparklineColumn.setMinWidth(SparklineCell.WIDTH + 12);
        methodsTable.setItems(model.methods());
        methodText(methodNameColumn, FleetMethod::method);
        methodText(sideColumn, FleetMethod::side);
        methodText(inFlightColumn, method -> FleetViewModel.count(method.inFlight()));
        methodText(methodGrowthColumn, method -> FleetViewModel.perMinute(method.perMinute()));
        methodText(methodOldestColumn, method -> FleetViewModel.age(method.oldestAgeSeconds()));
        methodSparklineColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        methodSparklineColumn.setCellFactory(
                column -> new SparklineCell<>(FleetMethod::sparkline, FleetMethod::growing));
        methodSparklineColumn.setMinWidth(SparklineCell.WIDTH + 12);
        table.getSelectionModel().selectedItemProperty().addListener((observable, before, now) -> model.select(now));
        ColumnWidths.fitToContent(table);
        ColumnWidths.fitToContent(methodsTable);
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                open();
                event.consume();
            }
        });
        table.setRowFactory(view -> {
            TableRow<FleetViewModel.Entry> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem());
                }
            });
            return row;
        });
    }

    private static void text(TableColumn<FleetViewModel.Entry, String> column, Function<FleetRow, String> format) {
        column.setCellValueFactory(cell -> text(cell.getValue(), format));
    }

    private static ObservableValue<String> text(FleetViewModel.Entry entry, Function<FleetRow, String> format) {
        return Bindings.createStringBinding(() -> format.apply(entry.row()), entry.rowProperty());
    }

    private static void methodText(TableColumn<FleetMethod, String> column, Function<FleetMethod, String> format) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(format.apply(cell.getValue())));
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    @FXML
    private void open() {
        model.open(table.getSelectionModel().getSelectedItem());
    }
}
