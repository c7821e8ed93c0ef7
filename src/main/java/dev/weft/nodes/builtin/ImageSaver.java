package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.image.PngImages;
import dev.weft.io.AtomicFiles;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.workflow.JsonIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes IMAGE batches as PNG files named like ComfyUI's ({@code <prefix>_00001_.png}, the counter
 * one above the highest already in the folder), with the prompt and the workflow as text chunks,
 * and returns the UI output {@code {"images": [{filename, subfolder, type}]}}.
 *
 * <p>The prefix may name a sub-folder ({@code "portraits/ComfyUI"}) and use ComfyUI's variables:
 * {@code %width%}, {@code %height%}, {@code %year%}, {@code %month%}, {@code %day%}, {@code %hour%},
 * {@code %minute%}, {@code %second%}, {@code %batch_num%} (the backend's), and
 * {@code %date:yyyy-MM-dd%} style dates (the frontend's). It may not leave the folder.
 */
final class ImageSaver {
    private static final Pattern DATE = Pattern.compile("%date:([^%]+)%");

    private ImageSaver() {
    }

    /**
     * @param type "output" or "temp", as it appears in the UI output
     * @param compressLevel zlib level (ComfyUI: 4 for SaveImage, 1 for previews)
     */
    static JsonObject save(NodeContext ctx, NDArray images, String prefix, Path folder, String type, int compressLevel)
            throws NodeFailure {
        long[] shape = images.getShape().getShape();
        if (shape.length != 4) {
            throw new NodeFailure("images", "expected an IMAGE [B, H, W, C], got shape " + images.getShape());
        }
        String expanded = expand(prefix, (int) shape[2], (int) shape[1], LocalDateTime.now());
        Path target = folder.resolve(expanded).normalize();
        Path root = folder.toAbsolutePath().normalize();
        if (!target.toAbsolutePath().normalize().startsWith(root) || expanded.isBlank()) {
            throw new NodeFailure("filename_prefix", "'" + prefix + "' would save outside the "
                    + type + " folder; use a name or a sub-folder like portraits/ComfyUI");
        }
        Path dir = target.getParent() == null ? root : target.toAbsolutePath().getParent();
        String base = target.getFileName().toString();
        String subfolder = root.relativize(dir).toString().replace('\\', '/');
        Map<String, String> text = metadata(ctx);
        JsonArray results = new JsonArray();
        try {
            Files.createDirectories(dir);
            int counter = nextCounter(dir, base);
            for (int i = 0; i < shape[0]; i++) {
                String name = base.replace("%batch_num%", Integer.toString(i)) + String.format("_%05d_.png", counter++);
                byte[] png = PngImages.encode(images, i, text, compressLevel);
                AtomicFiles.write(dir.resolve(name), png);
                JsonObject r = new JsonObject();
                r.addProperty("filename", name);
                r.addProperty("subfolder", subfolder);
                r.addProperty("type", type);
                results.add(r);
            }
        } catch (IOException e) {
            throw new NodeFailure("filename_prefix", "cannot write images to " + dir + ": " + e.getMessage(), e);
        }
        JsonObject ui = new JsonObject();
        ui.add("images", results);
        return ui;
    }

    /** The prompt and every extra PNG info entry (the workflow), as ComfyUI writes them. */
    private static Map<String, String> metadata(NodeContext ctx) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("prompt", JsonIo.asciiJson(ctx.prompt().toJson()));
        for (Map.Entry<String, JsonElement> e : ctx.extraPngInfo().entrySet()) {
            text.put(e.getKey(), JsonIo.asciiJson(e.getValue()));
        }
        return text;
    }

    static String expand(String prefix, int width, int height, LocalDateTime now) {
        String s = prefix.replace("%width%", Integer.toString(width)).replace("%height%", Integer.toString(height))
                .replace("%year%", Integer.toString(now.getYear()))
                .replace("%month%", two(now.getMonthValue())).replace("%day%", two(now.getDayOfMonth()))
                .replace("%hour%", two(now.getHour())).replace("%minute%", two(now.getMinute()))
                .replace("%second%", two(now.getSecond()));
        Matcher m = DATE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(formatDate(m.group(1), now)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The frontend's date tokens: yyyy, yy, MM, M, dd, d, hh, h, mm, m, ss, s. */
    private static String formatDate(String format, LocalDateTime t) {
        return format.replace("yyyy", Integer.toString(t.getYear()))
                .replace("yy", two(t.getYear() % 100))
                .replace("MM", two(t.getMonthValue())).replace("dd", two(t.getDayOfMonth()))
                .replace("hh", two(t.getHour())).replace("mm", two(t.getMinute())).replace("ss", two(t.getSecond()));
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** One above the highest counter of files named {@code <base>_NNNNN_...} in {@code dir}, or 1. */
    static int nextCounter(Path dir, String base) throws IOException {
        int max = 0;
        String lead = base + "_";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (!n.regionMatches(true, 0, lead, 0, lead.length())) {
                    continue;
                }
                String rest = n.substring(lead.length());
                int end = rest.indexOf('_');
                try {
                    max = Math.max(max, Integer.parseInt(end < 0 ? rest : rest.substring(0, end)));
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        return max + 1;
    }
}
