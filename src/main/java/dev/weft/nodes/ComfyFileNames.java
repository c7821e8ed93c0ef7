package dev.weft.nodes;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * File names the way ComfyUI treats them, so Weft's combo lists and look-ups match ComfyUI's for
 * the same folders.
 *
 * <ul>
 *   <li>{@link #ORDER}: Python's {@code sorted()} on strings, i.e. by Unicode code point
 *       (capitals before small letters, {@code "a.pt" < "a/b.pt"}).</li>
 *   <li>{@link #extension}: Python's {@code os.path.splitext(name)[1].lower()}.</li>
 *   <li>{@link #normalize}: a relative name as a workflow holds it, made safe to resolve.</li>
 *   <li>{@link #isImage}: the file types ComfyUI's LoadImage lists.</li>
 *   <li>{@link #slashJoined}: relative paths named with '/' on every platform.</li>
 * </ul>
 */
public final class ComfyFileNames {
    /** Code-point order, as Python sorts {@code str}; differs from {@link String#compareTo} only above U+FFFF. */
    public static final Comparator<String> ORDER = ComfyFileNames::compareCodePoints;

    /**
     * Extensions whose Python {@code mimetypes} type is {@code image/*}: Python 3.11's built-in
     * table (strict and common types), without the host's {@code mime.types}, which ComfyUI also
     * reads and which differs between machines. ComfyUI maps {@code webp} to image itself.
     */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of(
            ".avif", ".bmp", ".gif", ".heic", ".heif", ".ico", ".ief", ".jpe", ".jpeg", ".jpg", ".pbm", ".pct",
            ".pgm", ".pic", ".pict", ".png", ".pnm", ".ppm", ".ras", ".rgb", ".svg", ".tif", ".tiff", ".webp",
            ".xbm", ".xpm", ".xwd");

    private ComfyFileNames() {
    }

    /**
     * The extension of the last '/'-separated element, lower-cased, with its dot ({@code ".safetensors"}),
     * or {@code ""} when there is none. Leading dots do not start an extension:
     * {@code ".hidden"} has none, {@code "a."} has {@code "."}.
     */
    public static String extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        for (int i = 0; i < dot; i++) {
            if (base.charAt(i) != '.') {
                return base.substring(dot).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** Whether LoadImage would list a file of this name. */
    public static boolean isImage(String name) {
        return IMAGE_EXTENSIONS.contains(extension(name));
    }

    /**
     * A file name from a workflow as a '/'-separated path that stays inside the folder it is
     * resolved against. Both '/' and '\' separate (workflows saved by ComfyUI on Windows hold
     * {@code "sdxl\\model.safetensors"}); empty and {@code "."} parts are dropped; {@code ".."}
     * removes the part before it and never climbs above the folder, as ComfyUI's
     * {@code relpath(join("/", name), "/")} does.
     *
     * @throws IllegalArgumentException when nothing is left of the name
     */
    public static String normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("[/\\\\]")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' does not name a file; choose a file from the list");
        }
        return String.join("/", parts);
    }

    /** A relative path's elements joined with '/', whatever the file system's separator. */
    public static String slashJoined(Path relative) {
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
