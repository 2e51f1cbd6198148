package dev.streamscope.app.ui.main;

import dev.streamscope.app.base.DurationText;
import dev.streamscope.app.lifetime.LifetimePolicy;
import dev.streamscope.app.ui.DialogLook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Sets how long streams may live before they count as overdue: a default and per-method overrides (a watch stream may
 * live an hour). Bad input stays in the dialog with a message saying what is wrong; nothing is lost.
 */
final class LifetimeDialog {

    private LifetimeDialog() {}

    static Optional<LifetimePolicy> show(Window owner, LifetimePolicy current) {
        TextField defaultLifetime = new TextField(DurationText.format(current.defaultLifetime()));
        defaultLifetime.setId("lifetime-default");
        TextArea overrides = new TextArea(overridesText(current));
        overrides.setId("lifetime-overrides");
        overrides.setPromptText("/pkg.Service/Watch=1h\n/pkg.Service/Subscribe=30m");
        overrides.setPrefRowCount(6);
        Label message = new Label();
        message.getStyleClass().addAll("message", "error");
        message.setWrapText(true);
        VBox form = new VBox(
                8,
                new Label("Default lifetime (500ms, 60s, 5m, 1h)"),
                defaultLifetime,
                new Label("Per-method lifetimes, one per line: /package.Service/Method=duration"),
                overrides,
                message);
        form.setPadding(new Insets(10));
        form.setPrefWidth(480);

        Dialog<LifetimePolicy> dialog = new Dialog<>();
        DialogLook.ownedBy(owner, dialog);
        dialog.setTitle("Stream lifetimes");
        dialog.setHeaderText("Streams older than their lifetime are overdue (red); past 80% of it, amber.");
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            try {
                parse(defaultLifetime.getText(), overrides.getText());
            } catch (IllegalArgumentException e) {
                message.setText(e.getMessage());
                event.consume(); // stay open with the input as typed
            }
        });
        dialog.setResultConverter(
                button -> button == ButtonType.OK ? parse(defaultLifetime.getText(), overrides.getText()) : null);
        return dialog.showAndWait();
    }

    static LifetimePolicy parse(String defaultText, String overridesText) {
        List<String> specs = new ArrayList<>();
        specs.add(defaultText.trim());
        for (String line : overridesText.split("\\R")) {
            if (!line.isBlank()) {
                specs.add(line.trim());
            }
        }
        return LifetimePolicy.parse(specs);
    }

    private static String overridesText(LifetimePolicy policy) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Duration> override : policy.overrides().entrySet()) {
            text.append('/').append(override.getKey()).append('=').append(DurationText.format(override.getValue()));
            text.append('\n');
        }
        return text.toString();
    }
}
