package dev.streamscope.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;
import javafx.util.Callback;

/**
 * Loads an FXML view with its controller built over its view model (FXML + controller + view model, in pairs; each page
 * loads its own), and gives dialogs the window's look.
 */
public final class Views {

    /** The one style sheet, kept in the repository's styles/ folder and packaged under /styles. */
    static final String STYLESHEET = "/styles/streamscope.css";

    private Views() {}

    /**
     * Gives a dialog the look of the window it belongs to: our style sheet, the dark rules and the text size (the
     * window sets both on its own root, which a dialog's scene does not inherit).
     */
    public static void lookLike(Window owner, DialogPane dialog) {
        String css = stylesheet();
        if (css != null) {
            dialog.getStylesheets().add(css);
        }
        if (owner != null && owner.getScene() != null) {
            Parent root = owner.getScene().getRoot();
            dialog.setStyle(root.getStyle());
            if (root.getStyleClass().contains("dark")) {
                dialog.getStyleClass().add("dark");
            }
        }
    }

    public static String stylesheet() {
        URL css = Views.class.getResource(STYLESHEET);
        return css == null ? null : css.toExternalForm();
    }

    /** Loads a view's FXML, which lies next to its controller class, with the controllers the factory builds. */
    public static Parent load(Class<?> view, String fxml, Callback<Class<?>, Object> controllers) {
        FXMLLoader loader = new FXMLLoader(view.getResource(fxml));
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load the view " + fxml, e);
        }
    }
}
