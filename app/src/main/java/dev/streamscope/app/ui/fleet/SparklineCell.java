package dev.streamscope.app.ui.fleet;

import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.fleet.Sparkline;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Color;

/**
 * A line over time in a small canvas (an instance's last 15 minutes, a method's trend window), red when what it shows
 * grows or is overdue.
 */
final class SparklineCell<S, T> extends TableCell<S, T> {

    static final double WIDTH = 160;
    private static final double HEIGHT = 22;

    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final Function<T, Sparkline> lineOf;
    private final Predicate<T> alarming;

    SparklineCell(Function<T, Sparkline> lineOf, Predicate<T> alarming) {
        this.lineOf = lineOf;
        this.alarming = alarming;
    }

    /** An instance's row: red when it grows or has overdue streams. */
    static <S> SparklineCell<S, FleetRow> ofRow() {
        return new SparklineCell<>(FleetRow::sparkline, row -> row.hasOverdue() || row.grows());
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null || lineOf.apply(item).size() < 2) {
            setGraphic(null);
            return;
        }
        draw(lineOf.apply(item), alarming.test(item));
        setGraphic(canvas);
    }

    private void draw(Sparkline line, boolean red) {
        GraphicsContext graphics = canvas.getGraphicsContext2D();
        graphics.clearRect(0, 0, WIDTH, HEIGHT);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < line.size(); i++) {
            double value = line.valueAt(i);
            if (!Double.isNaN(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            return;
        }
        // a flat line sits in the middle; otherwise the row's own range fills the height
        double span = max - min;
        graphics.setStroke(red ? Color.web("#c62828") : Color.web("#1565c0"));
        graphics.setLineWidth(1.2);
        graphics.beginPath();
        boolean drawing = false;
        for (int i = 0; i < line.size(); i++) {
            double value = line.valueAt(i);
            if (Double.isNaN(value)) {
                drawing = false;
                continue;
            }
            double x = 1 + (WIDTH - 2) * i / (line.size() - 1);
            double y = span == 0 ? HEIGHT / 2 : HEIGHT - 2 - (HEIGHT - 4) * (value - min) / span;
            if (drawing) {
                graphics.lineTo(x, y);
            } else {
                graphics.moveTo(x, y);
                drawing = true;
            }
        }
        graphics.stroke();
    }
}
