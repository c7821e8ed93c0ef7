package dev.weft.ui;

import dev.weft.exec.ExecutorConfig;
import dev.weft.nodes.NodeRegistry;
import dev.weft.ui.run.ExecutorRunService;
import dev.weft.ui.settings.SettingsStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the editor starts.
 *
 * @param settingsFolder where settings.json and the recovery copy live ({@code ~/.weft} by default)
 * @param modelsFolder a models folder given on the command line; wins over the settings
 * @param registry the node types and their implementations (the CLI passes the one its commands
 *     use, so the editor runs exactly what {@code weft run} runs)
 * @param engine makes the run engine
 * @param dialogs the file choosers
 * @param prompts the questions and warnings
 */
public record LaunchOptions(Path settingsFolder, Optional<Path> modelsFolder, Supplier<NodeRegistry> registry,
        RunServiceFactory engine, FileDialogs dialogs, UserPrompts prompts) {

    /** Weft's executor over the given registry. */
    public static final RunServiceFactory EXECUTOR = (registry, folders, output, temp) ->
            new ExecutorRunService(registry, new ExecutorConfig(folders, output, temp));

    /** The defaults: {@code ~/.weft}, the bundled node specs, Weft's executor, the system's dialogs. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(SettingsStore.defaultFolder(), Optional.empty(),
                () -> NodeRegistry.load(Optional.empty()), EXECUTOR, new FxFileDialogs(), new UserPrompts());
    }

    public LaunchOptions withSettingsFolder(Path p) {
        return new LaunchOptions(p, modelsFolder, registry, engine, dialogs, prompts);
    }

    public LaunchOptions withModelsFolder(Path p) {
        return new LaunchOptions(settingsFolder, Optional.of(p), registry, engine, dialogs, prompts);
    }

    public LaunchOptions withRegistry(Supplier<NodeRegistry> r) {
        return new LaunchOptions(settingsFolder, modelsFolder, r, engine, dialogs, prompts);
    }

    /** Node specs from a folder instead of the bundled ones. */
    public LaunchOptions withNodesFolder(Path p) {
        return withRegistry(() -> NodeRegistry.load(Optional.of(p)));
    }

    public LaunchOptions withEngine(RunServiceFactory f) {
        return new LaunchOptions(settingsFolder, modelsFolder, registry, f, dialogs, prompts);
    }

    public LaunchOptions withDialogs(FileDialogs d) {
        return new LaunchOptions(settingsFolder, modelsFolder, registry, engine, d, prompts);
    }

    public LaunchOptions withPrompts(UserPrompts p) {
        return new LaunchOptions(settingsFolder, modelsFolder, registry, engine, dialogs, p);
    }
}
