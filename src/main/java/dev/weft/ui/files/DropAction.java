package dev.weft.ui.files;

import dev.weft.workflow.PngMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a file dropped on the canvas should do, decided as the frontend decides: a JSON file or a
 * PNG carrying a workflow or prompt opens as a workflow; any other image becomes a LoadImage node.
 */
public sealed interface DropAction {
    /** Image types LoadImage reads. */
    Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "bmp", "gif", "tif", "tiff");

    Path file();

    record OpenWorkflow(Path file) implements DropAction {
    }

    record ImportImage(Path file) implements DropAction {
    }

    record Unsupported(Path file, String reason) implements DropAction {
    }

    static DropAction classify(Path file) {
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (ext.equals("json")) {
            return new OpenWorkflow(file);
        }
        if (!IMAGE_EXTENSIONS.contains(ext)) {
            return new Unsupported(file, name + ": Weft opens workflow JSON files and images, not ." + ext + " files");
        }
        if (ext.equals("png")) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (PngMetadata.isPng(bytes)) {
                    Map<String, String> text = PngMetadata.readText(bytes, name);
                    if (text.containsKey("workflow") || text.containsKey("prompt")) {
                        return new OpenWorkflow(file);
                    }
                }
            } catch (IOException e) {
                return new Unsupported(file, name + ": cannot read it: " + e.getMessage());
            }
        }
        return new ImportImage(file);
    }
}
