package dev.streamscope.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;
import javafx.util.Callback;

/** Loads each FXML view with its controller built over its view model (FXML + controller + view model, in pairs). */
final class Views {

    /** The one style sheet, kept in the repository's styles/ folder and packaged under /styles. */
    static final String STYLESHEET = "/styles/streamscope.css";

    Parent mainView(MainViewModel model, FileDialogs files) {
        return load("MainView.fxml", type -> new MainView(model, this, files));
    }

    Parent targetView(TargetViewModel model, FileDialogs files) {
        return load("TargetView.fxml", type -> {
            if (type == ChannelzView.class) {
                return new ChannelzView(model.channelz());
            }
            if (type == StreamsView.class) {
                return new StreamsView(model.streams());
            }
            if (type == HistogramView.class) {
                return new HistogramView(model.histogram(), files, model.files()::exportFolder);
            }
            return new TargetView(model, files);
        });
    }

    Parent fleetView(FleetViewModel model) {
        return load("FleetView.fxml", type -> new FleetView(model));
    }

    void showConnectDialog(Window owner, ConnectViewModel model) {
        ConnectView controller = new ConnectView(model);
        Parent content = load("ConnectView.fxml", type -> controller);
        controller.showDialog(owner, content);
    }

    /**
     * Gives a dialog the look of the window it belongs to: our style sheet, the dark rules and the text size (the
     * window sets both on its own root, which a dialog's scene does not inherit).
     */
    static void lookLike(Window owner, DialogPane dialog) {
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

    static String stylesheet() {
        URL css = Views.class.getResource(STYLESHEET);
        return css == null ? null : css.toExternalForm();
    }

    private static Parent load(String fxml, Callback<Class<?>, Object> controllers) {
        FXMLLoader loader = new FXMLLoader(Views.class.getResource(fxml));
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load the view " + fxml, e);
        }
    }
}
