package dev.weft.nodes;

import com.google.gson.JsonElement;
import java.util.Set;

/**
 * A node's input values by name. Constants arrive converted by their spec type: INT as
 * {@link Long}, FLOAT as {@link Double}, BOOLEAN as {@link Boolean}, STRING and COMBO as
 * {@link String}, anything else (e.g. a LoraStack's rows) as {@link JsonElement} with any
 * {@code __value__} wrapper removed. Linked inputs arrive as the upstream output object.
 */
public interface NodeInputs {
    /** Names of the inputs present (optional inputs may be absent). */
    Set<String> names();

    boolean has(String name);

    /**
     * The raw value.
     *
     * @throws IllegalArgumentException naming the missing input
     */
    Object get(String name);

    /**
     * The value as {@code type}.
     *
     * @throws IllegalArgumentException naming the input, the expected and the actual type
     */
    default <T> T get(String name, Class<T> type) {
        Object v = get(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("input '" + name + "' is "
                    + (v == null ? "null" : v.getClass().getSimpleName()) + ", expected " + type.getSimpleName());
        }
        return type.cast(v);
    }

    default long getLong(String name) {
        return get(name, Number.class).longValue();
    }

    default int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    default double getDouble(String name) {
        return get(name, Number.class).doubleValue();
    }

    default String getString(String name) {
        return get(name, String.class);
    }

    default boolean getBoolean(String name) {
        return get(name, Boolean.class);
    }
}
