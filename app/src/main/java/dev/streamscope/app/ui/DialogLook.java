package dev.streamscope.app.ui;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;

/**
 * Dialogs look like the window they belong to: our style sheet, the dark rules and the text size. The window sets the
 * last two on its scene's root, and a dialog has a scene of its own, which inherits neither.
 */
public final class DialogLook {

    static final String DARK = "dark";

    private DialogLook() {}

    /** Makes {@code owner} the owner of {@code dialog} and gives the dialog its look; call before showing it. */
    public static void ownedBy(Window owner, Dialog<?> dialog) {
        dialog.initOwner(owner);
        DialogPane pane = dialog.getDialogPane();
        Scene scene = pane.getScene();
        Parent root = scene == null ? pane : scene.getRoot();
        String css = Views.stylesheet();
        if (css != null) {
            (scene == null ? pane.getStylesheets() : scene.getStylesheets()).add(css);
        }
        if (owner != null && owner.getScene() != null) {
            Parent ownerRoot = owner.getScene().getRoot();
            root.setStyle(ownerRoot.getStyle());
            root.getStyleClass().remove(DARK);
            if (ownerRoot.getStyleClass().contains(DARK)) {
                root.getStyleClass().add(DARK);
            }
        }
    }
}
