package dev.weft.ui;

import java.time.Instant;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The questions and warnings the editor puts to the user, as modal dialogs. */
public class UserPrompts {
    /** The answer to "save your changes?". */
    public enum SaveChoice {
        SAVE, DISCARD, CANCEL
    }

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DISCARD = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    /** Asks whether to save unsaved changes to {@code name} before they are lost. */
    public SaveChoice confirmDiscard(Window owner, String name) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", SAVE, DISCARD, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Unsaved changes");
        a.setHeaderText("Save the changes to " + name + "?");
        a.setContentText("Your changes will be lost if you don't save them.");
        ButtonType b = a.showAndWait().orElse(ButtonType.CANCEL);
        return b == SAVE ? SaveChoice.SAVE : b == DISCARD ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    /** Offers the recovery copy an earlier session left; true to restore it. */
    public boolean offerRecovery(Window owner, String source, Instant savedAt) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.YES, ButtonType.NO);
        a.initOwner(owner);
        a.setTitle("Restore unsaved work");
        a.setHeaderText("Weft did not close cleanly last time.");
        a.setContentText("Restore the unsaved workflow " + source + " from " + savedAt + "?");
        return a.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
    }

    public void error(Window owner, String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        a.showAndWait();
    }
}
