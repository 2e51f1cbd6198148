package dev.streamscope.app.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Where the user picks files; the window uses the platform's choosers, UI tests a fixed folder. */
public interface FileDialogs {

    Optional<Path> chooseFolder(Window owner, String title, Path initial);

    Optional<Path> choosePngFile(Window owner, String title, Path initialFolder, String initialName);

    /** Asks where to save a CSV file; empty when the user cancelled. */
    Optional<Path> chooseCsvFile(Window owner, String title, Path initialFolder, String initialName);

    /**
     * Asks where to save a text file (a thread dump); empty when the user cancelled. Dialogs that do not tell text from
     * CSV (a test's fixed folder) use their CSV answer.
     */
    default Optional<Path> chooseTextFile(Window owner, String title, Path initialFolder, String initialName) {
        return chooseCsvFile(owner, title, initialFolder, initialName);
    }

    /** Asks for an export size; empty when the user cancelled. */
    Optional<ExportSize> chooseSize(Window owner, ExportSize initial);

    /** Width and height of an exported PNG in pixels. */
    record ExportSize(int width, int height) {}
}
