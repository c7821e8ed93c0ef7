package dev.weft.graph;

import com.google.gson.JsonObject;

/**
 * A titled box on the canvas. Groups are addressed by their index in {@link Graph#groups()},
 * because files older than schema 1 do not give them ids.
 *
 * @param id the group id, or {@code null} when the file had none
 * @param title the title shown in the group's header
 * @param bounding position and size in canvas units
 * @param color CSS colour such as {@code "#3f789e"}, or {@code null}
 * @param fontSize title font size, or {@code null} when absent
 * @param flags the group's {@code flags} object ({@code pinned}, ...), or {@code null} when absent
 * @param extra other keys ({@code locked}, ...), written back unchanged
 */
public record Group(Integer id, String title, Bounds bounding, String color, Double fontSize, JsonObject flags,
        JsonObject extra) {
    public Group {
        if (title == null || bounding == null) {
            throw new IllegalArgumentException("group needs a title and a bounding box");
        }
        flags = JsonCopies.objectOrNull(flags);
        extra = JsonCopies.object(extra);
    }

    public static Group of(Integer id, String title, Bounds bounding) {
        return new Group(id, title, bounding, null, null, null, null);
    }

    public Group withTitle(String t) {
        return new Group(id, t, bounding, color, fontSize, flags, extra);
    }

    public Group withBounding(Bounds b) {
        return new Group(id, title, b, color, fontSize, flags, extra);
    }

    public Group withColor(String c) {
        return new Group(id, title, bounding, c, fontSize, flags, extra);
    }
}
