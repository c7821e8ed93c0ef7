package dev.weft.ui;

import dev.weft.ui.run.OfflineRunService;
import dev.weft.ui.settings.SettingsStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the editor starts.
 *
 * @param settingsFolder where settings.json and the recovery copy live ({@code ~/.weft} by default)
 * @param modelsFolder a models folder given on the command line; wins over the settings
 * @param nodesFolder node specs to use instead of the bundled ones
 * @param engine makes the run engine
 * @param dialogs the file choosers
 * @param prompts the questions and warnings
 */
public record LaunchOptions(Path settingsFolder, Optional<Path> modelsFolder, Optional<Path> nodesFolder,
        RunServiceFactory engine, FileDialogs dialogs, UserPrompts prompts) {

    /** The defaults: {@code ~/.weft}, bundled specs, Weft's engine, the system's dialogs. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(SettingsStore.defaultFolder(), Optional.empty(), Optional.empty(),
                Engines.DEFAULT, new FxFileDialogs(), new UserPrompts());
    }

    public LaunchOptions withSettingsFolder(Path p) {
        return new LaunchOptions(p, modelsFolder, nodesFolder, engine, dialogs, prompts);
    }

    public LaunchOptions withModelsFolder(Path p) {
        return new LaunchOptions(settingsFolder, Optional.of(p), nodesFolder, engine, dialogs, prompts);
    }

    public LaunchOptions withNodesFolder(Path p) {
        return new LaunchOptions(settingsFolder, modelsFolder, Optional.of(p), engine, dialogs, prompts);
    }

    public LaunchOptions withEngine(RunServiceFactory f) {
        return new LaunchOptions(settingsFolder, modelsFolder, nodesFolder, f, dialogs, prompts);
    }

    public LaunchOptions withDialogs(FileDialogs d) {
        return new LaunchOptions(settingsFolder, modelsFolder, nodesFolder, engine, d, prompts);
    }

    public LaunchOptions withPrompts(UserPrompts p) {
        return new LaunchOptions(settingsFolder, modelsFolder, nodesFolder, engine, dialogs, p);
    }

    /** Engine factories. */
    public static final class Engines {
        /** Until the executor is part of the build, runs are refused with this reason. */
        public static final RunServiceFactory DEFAULT = (folders, output, temp) -> new OfflineRunService(
                "The inference engine is not part of this build yet, so workflows cannot run.");

        private Engines() {
        }
    }
}
