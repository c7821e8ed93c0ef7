package dev.weft.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** The file choosers the editor asks; the system's in the app, scripted in tests. */
public interface FileDialogs {
    /** A workflow (JSON or PNG) to open. */
    Optional<Path> openWorkflow(Window owner, Optional<Path> folder);

    /** Where to save a file; {@code extension} such as {@code "json"}. */
    Optional<Path> saveFile(Window owner, String title, String suggestedName, String extension, Optional<Path> folder);

    /** An image to copy into the input folder. */
    Optional<Path> openImage(Window owner);

    Optional<Path> chooseFolder(Window owner, String title, Optional<Path> initial);
}
