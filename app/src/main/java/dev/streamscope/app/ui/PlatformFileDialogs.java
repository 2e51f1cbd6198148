package dev.streamscope.app.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file and folder choosers, and a small size dialog. */
public final class PlatformFileDialogs implements FileDialogs {

    @Override
    public Optional<Path> chooseFolder(Window owner, String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            chooser.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> choosePngFile(Window owner, String title, Path initialFolder, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName(initialName);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(chooser.showSaveDialog(owner))
                .map(File::toPath)
                .map(PlatformFileDialogs::withPng);
    }

    @Override
    public Optional<Path> chooseCsvFile(Window owner, String title, Path initialFolder, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV table", "*.csv"));
        chooser.setInitialFileName(initialName);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseTextFile(Window owner, String title, Path initialFolder, String initialName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Text", "*.txt"));
        chooser.setInitialFileName(initialName);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<ExportSize> chooseSize(Window owner, ExportSize initial) {
        Spinner<Integer> width = new Spinner<>(200, 8000, initial.width(), 100);
        Spinner<Integer> height = new Spinner<>(150, 6000, initial.height(), 100);
        width.setEditable(true);
        height.setEditable(true);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.setPadding(new Insets(10));
        form.addRow(0, new Label("Width (px)"), width);
        form.addRow(1, new Label("Height (px)"), height);
        Dialog<ExportSize> dialog = new Dialog<>();
        DialogLook.ownedBy(owner, dialog);
        dialog.setTitle("PNG size");
        dialog.setHeaderText("Charts are drawn from their data at this size, not grabbed from the screen.");
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(
                button -> button == ButtonType.OK ? new ExportSize(width.getValue(), height.getValue()) : null);
        return dialog.showAndWait();
    }

    private static Path withPng(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".png") ? file : file.resolveSibling(name + ".png");
    }
}
