package dev.weft.ui;

import dev.weft.ui.settings.Settings;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** The Settings dialog: the models, output and input folders (empty fields mean the defaults). */
final class SettingsDialog {
    private SettingsDialog() {
    }

    static Optional<Settings> show(Window owner, Settings current, FileDialogs dialogs) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Settings");
        d.setHeaderText("Folders Weft reads models from and writes images to");
        TextField models = field(current.modelsFolder(), "models folder: default ./models or WEFT_MODELS");
        TextField output = field(current.outputFolder(), "output folder: default ./output");
        TextField input = field(current.inputFolder(), "input folder: default ./input");
        GridPane g = new GridPane();
        g.getStyleClass().add("settings-grid");
        row(g, 0, "Models folder", models, owner, dialogs);
        row(g, 1, "Output folder", output, owner, dialogs);
        row(g, 2, "Input folder", input, owner, dialogs);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (d.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return Optional.empty();
        }
        return Optional.of(current.withFolders(path(models), path(output), path(input)));
    }

    private static TextField field(Optional<Path> value, String prompt) {
        TextField f = new TextField(value.map(Path::toString).orElse(""));
        f.setPromptText(prompt);
        f.setPrefColumnCount(36);
        return f;
    }

    private static void row(GridPane g, int row, String label, TextField f, Window owner, FileDialogs dialogs) {
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> dialogs.chooseFolder(owner, label, path(f)).ifPresent(p -> f.setText(p.toString())));
        GridPane.setHgrow(f, Priority.ALWAYS);
        g.addRow(row, new Label(label), f, browse);
    }

    private static Optional<Path> path(TextField f) {
        String t = f.getText() == null ? "" : f.getText().trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(Path.of(t));
    }
}
