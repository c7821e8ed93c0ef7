package dev.weft.ui;

import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.ui.run.RunService;
import java.nio.file.Path;

/** Makes the engine for a set of folders (made again when the folders change in Settings). */
@FunctionalInterface
public interface RunServiceFactory {
    /**
     * @param registry the node types and their implementations
     * @param folders models and input folders
     * @param output where SaveImage writes
     * @param temp where PreviewImage writes
     */
    RunService create(NodeRegistry registry, ModelFolders folders, Path output, Path temp);
}
