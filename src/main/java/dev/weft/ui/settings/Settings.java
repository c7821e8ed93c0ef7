package dev.weft.ui.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The editor's settings, kept in {@code settings.json} in the settings folder.
 *
 * @param modelsFolder ComfyUI-style models folder; empty means the default ({@code --models},
 *     {@code WEFT_MODELS}, or {@code ./models})
 * @param outputFolder where SaveImage writes; empty means {@code ./output}
 * @param inputFolder LoadImage's folder; empty means {@code ./input}
 * @param theme colour theme
 * @param recentFiles recently opened or saved workflows, newest first
 * @param runOnChange whether run on change was on
 * @param minimap whether the minimap shows
 */
public record Settings(Optional<Path> modelsFolder, Optional<Path> outputFolder, Optional<Path> inputFolder,
        Theme theme, List<Path> recentFiles, boolean runOnChange, boolean minimap) {
    /** Most recent files remembered. */
    public static final int RECENT_LIMIT = 10;

    public static final Settings DEFAULTS = new Settings(Optional.empty(), Optional.empty(), Optional.empty(),
            Theme.DARK, List.of(), false, true);

    public Settings {
        recentFiles = List.copyOf(recentFiles);
    }

    /** With {@code file} first in the recent list (moved up if it was there). */
    public Settings withRecent(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> r = new ArrayList<>();
        r.add(abs);
        for (Path p : recentFiles) {
            if (!p.equals(abs) && r.size() < RECENT_LIMIT) {
                r.add(p);
            }
        }
        return new Settings(modelsFolder, outputFolder, inputFolder, theme, r, runOnChange, minimap);
    }

    public Settings withTheme(Theme t) {
        return new Settings(modelsFolder, outputFolder, inputFolder, t, recentFiles, runOnChange, minimap);
    }

    public Settings withFolders(Optional<Path> models, Optional<Path> output, Optional<Path> input) {
        return new Settings(models, output, input, theme, recentFiles, runOnChange, minimap);
    }

    public Settings withRunOnChange(boolean on) {
        return new Settings(modelsFolder, outputFolder, inputFolder, theme, recentFiles, on, minimap);
    }

    public Settings withMinimap(boolean on) {
        return new Settings(modelsFolder, outputFolder, inputFolder, theme, recentFiles, runOnChange, on);
    }
}
