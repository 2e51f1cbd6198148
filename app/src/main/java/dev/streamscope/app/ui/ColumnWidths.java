package dev.streamscope.app.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Sizes a table's columns to what they show, header and cells, and gives the rest of the width to the last column:
 * fixed widths cut "SERVER" and peers mid-address while a wide window left a third of the table empty. Widths grow as
 * wider cells arrive and keep a column the user narrowed until something wider comes; a new text size refits.
 */
public final class ColumnWidths<S> {

    /** Room for a cell's padding and a header's sort arrow, in ems of the table's font. */
    static final double PADDING_EMS = 1.6;

    /** Texts measured per column and fit: the longest by characters (measuring every age of 500 rows each second costs). */
    private static final int LONGEST_MEASURED = 3;

    private static final int MAX_CACHED = 2_000;

    private final TableView<S> table;
    private final Map<TableColumn<S, ?>, Double> fitted = new IdentityHashMap<>();
    private final Map<String, Double> textWidths = new HashMap<>();
    private final Text measure = new Text();
    private final InvalidationListener fillLast = this::fillLast;
    private Font font;
    private Label header;

    private ColumnWidths(TableView<S> table) {
        this.table = table;
    }

    /** Call once the table's items and cell values are set. */
    public static <S> void fitToContent(TableView<S> table) {
        new ColumnWidths<>(table).install();
    }

    private void install() {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        ListChangeListener<S> rowsChanged = change -> fit();
        table.getItems().addListener(rowsChanged);
        table.itemsProperty().addListener((observable, before, now) -> {
            if (before != null) {
                before.removeListener(rowsChanged);
            }
            if (now != null) {
                now.addListener(rowsChanged);
            }
            fit();
        });
        table.widthProperty().addListener(fillLast);
        table.getColumns().forEach(column -> column.widthProperty().addListener(fillLast));
        // the header's font is known once the skin is made and styled: a pulse after the skin
        table.skinProperty().addListener(observable -> Platform.runLater(this::fit));
        if (table.getSkin() != null) {
            Platform.runLater(this::fit);
        }
    }

    /** Widens each column to its header and its widest cell, then fills the table with the last. */
    void fit() {
        Font now = headerFont();
        if (now == null) {
            return; // not styled yet: the skin's pulse comes back
        }
        if (!now.equals(font)) {
            font = now;
            fitted.clear();
            textWidths.clear();
            measure.setFont(now);
        }
        double padding = now.getSize() * PADDING_EMS;
        List<TableColumn<S, ?>> columns = table.getVisibleLeafColumns();
        for (int index = 0; index < columns.size(); index++) {
            TableColumn<S, ?> column = columns.get(index);
            double wanted = Math.max(width(headerText(column)), widestCell(column)) + padding;
            Double before = fitted.get(column);
            if (before == null || wanted > before) {
                fitted.put(column, wanted);
                if (index < columns.size() - 1 || before == null) {
                    column.setPrefWidth(Math.max(column.getMinWidth(), wanted));
                }
            }
        }
        fillLast(null);
    }

    /** The last column takes what the others leave of the table's width, and at least its own content. */
    private void fillLast(Observable ignored) {
        List<TableColumn<S, ?>> columns = table.getVisibleLeafColumns();
        if (columns.isEmpty() || table.getWidth() <= 0) {
            return;
        }
        TableColumn<S, ?> last = columns.get(columns.size() - 1);
        double others = 0;
        for (TableColumn<S, ?> column : columns.subList(0, columns.size() - 1)) {
            others += column.getWidth();
        }
        // and a pixel a column: the header snaps each width to whole pixels, which may add up to a horizontal bar
        double inside = table.getWidth()
                - table.snappedLeftInset()
                - table.snappedRightInset()
                - verticalScrollBarWidth()
                - columns.size();
        double own = fitted.getOrDefault(last, last.getPrefWidth());
        double wanted = Math.floor(Math.max(own, inside - others));
        if (Math.abs(last.getPrefWidth() - wanted) >= 1) {
            last.setPrefWidth(wanted);
        }
    }

    /** Kept free whether the bar shows or not, so that rows arriving do not bring a horizontal bar. */
    private double verticalScrollBarWidth() {
        for (Node node : table.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return Math.max(bar.getWidth(), bar.prefWidth(-1));
            }
        }
        return 16;
    }

    private double widestCell(TableColumn<S, ?> column) {
        List<String> texts = new ArrayList<>();
        for (int row = 0; row < table.getItems().size(); row++) {
            Object value = column.getCellData(row);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                texts.add(value.toString());
            } else if (value != null) {
                return 0; // drawn by its own cell (a bar, a chart): the header decides
            }
        }
        return texts.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .limit(LONGEST_MEASURED)
                .mapToDouble(this::width)
                .max()
                .orElse(0);
    }

    private double width(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (textWidths.size() > MAX_CACHED) {
            textWidths.clear();
        }
        return textWidths.computeIfAbsent(text, key -> {
            measure.setText(key);
            return Math.ceil(measure.getLayoutBounds().getWidth());
        });
    }

    /** A column's title; a column whose title is a graphic (a label with a tooltip) shows that label's text. */
    public static String headerText(TableColumn<?, ?> column) {
        if (column.getText() != null && !column.getText().isEmpty()) {
            return column.getText();
        }
        return column.getGraphic() instanceof Labeled labeled ? labeled.getText() : "";
    }

    private Font headerFont() {
        if (header == null) {
            Node found = table.lookup(".column-header .label");
            if (!(found instanceof Label label)) {
                return null;
            }
            header = label;
            header.fontProperty().addListener(observable -> fit());
        }
        return header.getFont();
    }
}
