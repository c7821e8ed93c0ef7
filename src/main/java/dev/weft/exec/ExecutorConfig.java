package dev.weft.exec;

import dev.weft.nodes.ModelFolders;
import java.nio.file.Path;

/**
 * Where a run finds and puts files.
 *
 * @param folders      the models folder and LoadImage's input folder
 * @param outputFolder where SaveImage writes (ComfyUI's {@code output/})
 * @param tempFolder   where PreviewImage writes (ComfyUI's {@code temp/})
 */
public record ExecutorConfig(ModelFolders folders, Path outputFolder, Path tempFolder) {
    public ExecutorConfig {
        if (folders == null || outputFolder == null || tempFolder == null) {
            throw new IllegalArgumentException("models, output and temp folders must all be given");
        }
        outputFolder = outputFolder.toAbsolutePath().normalize();
        tempFolder = tempFolder.toAbsolutePath().normalize();
    }
}
