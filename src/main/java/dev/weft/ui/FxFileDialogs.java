package dev.weft.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The system's file choosers. */
public final class FxFileDialogs implements FileDialogs {
    @Override
    public Optional<Path> openWorkflow(Window owner, Optional<Path> folder) {
        FileChooser c = new FileChooser();
        c.setTitle("Open workflow");
        c.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Workflows (JSON, PNG)", "*.json", "*.png"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        folder.filter(Files::isDirectory).ifPresent(f -> c.setInitialDirectory(f.toFile()));
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName, String extension,
            Optional<Path> folder) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(suggestedName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(), "*." + extension));
        folder.filter(Files::isDirectory).ifPresent(f -> c.setInitialDirectory(f.toFile()));
        return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath).map(p ->
                p.getFileName().toString().contains(".") ? p : p.resolveSibling(p.getFileName() + "." + extension));
    }

    @Override
    public Optional<Path> openImage(Window owner) {
        FileChooser c = new FileChooser();
        c.setTitle("Choose an image");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.webp",
                "*.bmp", "*.gif"));
        return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title, Optional<Path> initial) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        initial.filter(Files::isDirectory).ifPresent(f -> c.setInitialDirectory(f.toFile()));
        return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
    }
}
