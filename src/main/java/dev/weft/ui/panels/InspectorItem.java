package dev.weft.ui.panels;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One row of the inspector: an input, widget or output of the selected node, with its help text
 * (tooltip, range, default). Editable rows write through {@code onSet}; the shown value follows
 * the graph through {@link #refresh}.
 */
final class InspectorItem implements PropertySheet.Item {
    /** How a row is edited. */
    enum Kind {
        TEXT, MULTILINE, NUMBER, CHOICE, TOGGLE, READONLY
    }

    private final String name;
    private final String category;
    private final String description;
    private final Kind kind;
    private final List<String> choices;
    private final Consumer<String> onSet;
    private final SimpleObjectProperty<Object> value = new SimpleObjectProperty<>();

    InspectorItem(String name, String category, String description, Kind kind, List<String> choices, Object initial,
            Consumer<String> onSet) {
        this.name = name;
        this.category = category;
        this.description = description;
        this.kind = kind;
        this.choices = List.copyOf(choices);
        this.onSet = onSet;
        value.set(initial);
    }

    Kind kind() {
        return kind;
    }

    List<String> choices() {
        return choices;
    }

    /** Shows a new value from the graph without writing it back. */
    void refresh(Object v) {
        if (!java.util.Objects.equals(v, value.get())) {
            value.set(v);
        }
    }

    static Object display(JsonElement v, Kind k) {
        if (v == null || v.isJsonNull()) {
            return k == Kind.TOGGLE ? Boolean.FALSE : "";
        }
        if (k == Kind.TOGGLE) {
            return v.isJsonPrimitive() && v.getAsBoolean();
        }
        return v.isJsonPrimitive() ? v.getAsString() : v.toString();
    }

    @Override
    public Class<?> getType() {
        return kind == Kind.TOGGLE ? Boolean.class : String.class;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return value.get();
    }

    @Override
    public void setValue(Object v) {
        if (kind == Kind.READONLY || java.util.Objects.equals(v, value.get())) {
            return;
        }
        value.set(v);
        onSet.accept(String.valueOf(v));
    }

    @Override
    public boolean isEditable() {
        return kind != Kind.READONLY;
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(value);
    }
}
