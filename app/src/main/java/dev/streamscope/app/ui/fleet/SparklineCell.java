package dev.streamscope.app.ui.fleet;

import dev.streamscope.app.fleet.FleetRow;
import dev.streamscope.app.fleet.Sparkline;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Color;

/** A row's open streams over the last 15 minutes as a small line, red when the instance grows or is overdue. */
final class SparklineCell<S> extends TableCell<S, FleetRow> {

    private static final double WIDTH = 120;
    private static final double HEIGHT = 20;

    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);

    @Override
    protected void updateItem(FleetRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null || row.sparkline().size() < 2) {
            setGraphic(null);
            return;
        }
        draw(row);
        setGraphic(canvas);
    }

    private void draw(FleetRow row) {
        Sparkline line = row.sparkline();
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
        graphics.setStroke(row.hasOverdue() || row.grows() ? Color.web("#c62828") : Color.web("#1565c0"));
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
