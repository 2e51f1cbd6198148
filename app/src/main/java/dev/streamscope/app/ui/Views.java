package dev.streamscope.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Loads an FXML view with its controller built over its view model (FXML + controller + view model, in pairs; each page
 * loads its own), and gives dialogs the window's look.
 */
public final class Views {

    /** The one style sheet, kept in the repository's styles/ folder and packaged under /styles. */
    static final String STYLESHEET = "/styles/streamscope.css";

    private Views() {}

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
