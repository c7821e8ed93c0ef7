package dev.weft.ui.panels;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.AbstractPropertyEditor;

/**
 * A property sheet text editor that stores its text when the user presses Enter (Ctrl+Enter in a
 * multi-line box) or leaves the field, rather than on every keystroke, so one typed value is one
 * undo step.
 */
final class CommitTextEditor extends AbstractPropertyEditor<String, TextInputControl> {
    // set from getObservableValue(), which the super constructor calls before field initialisers run
    private StringProperty committed;

    CommitTextEditor(PropertySheet.Item item, boolean multiline) {
        super(item, multiline ? area() : new TextField());
        TextInputControl c = getEditor();
        c.setText(item.getValue() == null ? "" : item.getValue().toString());
        if (c instanceof TextField f) {
            f.setOnAction(e -> commit());
        } else {
            c.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                    commit();
                    e.consume();
                }
            });
        }
        c.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
    }

    private static TextArea area() {
        TextArea a = new TextArea();
        a.setWrapText(true);
        a.setPrefRowCount(4);
        return a;
    }

    private void commit() {
        getObservableValue();
        committed.set(getEditor().getText());
    }

    @Override
    protected ObservableValue<String> getObservableValue() {
        if (committed == null) {
            committed = new SimpleStringProperty();
        }
        return committed;
    }

    @Override
    public void setValue(String value) {
        getObservableValue();
        String v = value == null ? "" : value;
        committed.set(v);
        if (!getEditor().isFocused()) {
            getEditor().setText(v);
        }
    }
}
