package dev.weft.ui.fx;

import dev.weft.ui.FileDialogs;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs that answer from a script: headless tests cannot drive the system's choosers. */
final class ScriptedDialogs implements FileDialogs {
    final Deque<Path> answers = new ArrayDeque<>();

    void next(Path p) {
        answers.add(p);
    }

    @Override
    public Optional<Path> openWorkflow(Window owner, Optional<Path> folder) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String suggestedName, String extension,
            Optional<Path> folder) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> openImage(Window owner) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> chooseFolder(Window owner, String title, Optional<Path> initial) {
        return Optional.ofNullable(answers.poll());
    }
}
