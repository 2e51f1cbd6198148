package dev.streamscope.app.ui.main;

import dev.streamscope.app.archive.RecordingComparison;
import dev.streamscope.app.ui.DialogLook;
import dev.streamscope.app.ui.target.TargetViewModel;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Two open recordings side by side, the table {@code --compare} prints: before, after, change. */
final class CompareDialog {

    private CompareDialog() {}

    static void show(Window owner, List<TargetViewModel> recordings) {
        ComboBox<TargetViewModel> before = choice(recordings, 0);
        before.setId("compare-before");
        ComboBox<TargetViewModel> after = choice(recordings, recordings.size() - 1);
        after.setId("compare-after");
        TableView<RecordingComparison.Row> table = new TableView<>();
        table.setId("compare-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("", RecordingComparison.Row::name));
        table.getColumns().add(column("before", RecordingComparison.Row::beforeText));
        table.getColumns().add(column("after", RecordingComparison.Row::afterText));
        table.getColumns().add(column("change", RecordingComparison.Row::changeText));
        table.setPrefSize(720, 400);
        Runnable update = () -> table.setItems(FXCollections.observableList(RecordingComparison.compare(
                before.getValue().savedRecording(), after.getValue().savedRecording())));
        before.valueProperty().addListener((observable, was, now) -> update.run());
        after.valueProperty().addListener((observable, was, now) -> update.run());
        update.run();
        GridPane choices = new GridPane();
        choices.setHgap(8);
        choices.setVgap(8);
        choices.addRow(0, new Label("Before"), before);
        choices.addRow(1, new Label("After"), after);
        Alert dialog = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        DialogLook.ownedBy(owner, dialog);
        dialog.setTitle("Compare recordings");
        dialog.setHeaderText("Before and after a change; n/a where a recording has no such data");
        dialog.getDialogPane().setContent(new VBox(10, choices, table));
        dialog.setResizable(true);
        dialog.show();
    }

    private static ComboBox<TargetViewModel> choice(List<TargetViewModel> recordings, int selected) {
        ComboBox<TargetViewModel> box = new ComboBox<>(FXCollections.observableList(recordings));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(TargetViewModel recording) {
                return recording == null ? "" : recording.savedRecording().describe();
            }

            @Override
            public TargetViewModel fromString(String text) {
                throw new UnsupportedOperationException("chosen from the list only");
            }
        });
        box.getSelectionModel().select(selected);
        return box;
    }

    private static TableColumn<RecordingComparison.Row, String> column(
            String title, Function<RecordingComparison.Row, String> text) {
        TableColumn<RecordingComparison.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
