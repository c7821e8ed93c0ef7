package dev.weft.ui.render;

import dev.weft.ui.canvas.TextMeasure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Text metrics for the canvas with the fonts it draws in: widths (cached, since the same labels
 * are measured every frame), truncation with an ellipsis, and word wrapping for prompt boxes.
 * FX thread only.
 */
public final class FxText implements TextMeasure {
    /** Entries kept per cache before it is cleared. */
    static final int CACHE_LIMIT = 20_000;

    private final Map<Double, Font> fonts = new HashMap<>();
    private final Map<String, Double> widths = new HashMap<>();
    private final Map<String, String> truncated = new HashMap<>();
    private final Map<String, List<String>> wrapped = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> e) {
            return size() > 256;
        }
    };
    private final Text probe = new Text();

    public Font font(double size) {
        return fonts.computeIfAbsent(size, Font::font);
    }

    @Override
    public double width(String text, double fontSize) {
        if (widths.size() > CACHE_LIMIT) {
            widths.clear();
        }
        return widths.computeIfAbsent(fontSize + "\u0000" + text, k -> {
            probe.setFont(font(fontSize));
            probe.setText(text);
            return probe.getLayoutBounds().getWidth();
        });
    }

    /** {@code text}, cut with an ellipsis to fit {@code max} units. */
    public String fit(String text, double fontSize, double max) {
        if (max <= 0) {
            return "";
        }
        if (width(text, fontSize) <= max) {
            return text;
        }
        if (truncated.size() > CACHE_LIMIT) {
            truncated.clear();
        }
        String key = fontSize + "\u0000" + Math.round(max) + "\u0000" + text;
        return truncated.computeIfAbsent(key, k -> {
            int lo = 0;
            int hi = text.length();
            while (lo < hi) {
                int mid = (lo + hi + 1) / 2;
                if (width(text.substring(0, mid) + "…", fontSize) <= max) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo == 0 ? "" : text.substring(0, lo) + "…";
        });
    }

    /** Lines of {@code text} wrapped at word boundaries to {@code max} units. */
    public List<String> wrap(String text, double fontSize, double max) {
        String key = fontSize + "\u0000" + Math.round(max) + "\u0000" + text;
        return wrapped.computeIfAbsent(key, k -> {
            List<String> lines = new ArrayList<>();
            for (String para : text.split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                for (String word : para.split(" ", -1)) {
                    String candidate = line.length() == 0 ? word : line + " " + word;
                    if (line.length() > 0 && width(candidate, fontSize) > max) {
                        lines.add(line.toString());
                        line = new StringBuilder(word);
                    } else {
                        line = new StringBuilder(candidate);
                    }
                }
                lines.add(line.toString());
            }
            return List.copyOf(lines);
        });
    }
}
