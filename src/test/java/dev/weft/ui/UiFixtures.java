package dev.weft.ui;

import dev.weft.graph.Graph;
import dev.weft.nodes.ModelFolders;
import dev.weft.ui.canvas.TextMeasure;
import dev.weft.ui.model.Document;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.SpecCatalog;
import dev.weft.workflow.UiWorkflowReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Shared test set-up: the bundled node specs with a small models folder, and the txt2img sample. */
public final class UiFixtures {
    /**
     * The workflow most tests use: the txt2img example of the ComfyUI reference (section 1a), whose
     * node ids, positions and randomized seed the assertions rely on.
     */
    public static final Path TXT2IMG = Path.of("src/test/resources/ui/txt2img.json");
    /** The project's txt2img sample (samples/), a standard ComfyUI 0.4 workflow. */
    public static final Path SAMPLE = Path.of("samples/txt2img.json");

    private UiFixtures() {
    }

    /** A models folder with two checkpoints and one LoRA, and an input folder with no images. */
    public static ModelFolders folders(Path root) {
        try {
            Files.createDirectories(root.resolve("models/checkpoints"));
            Files.createDirectories(root.resolve("models/loras"));
            Files.createDirectories(root.resolve("input"));
            Files.writeString(root.resolve("models/checkpoints/v1-5-pruned-emaonly.safetensors"), "x");
            Files.writeString(root.resolve("models/checkpoints/sdxl.safetensors"), "x");
            Files.writeString(root.resolve("models/loras/detail.safetensors"), "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelFolders(root.resolve("models"), root.resolve("input"));
    }

    public static SpecCatalog catalog(Path root) {
        return SpecCatalog.load(Optional.empty(), folders(root));
    }

    public static Graph txt2img() {
        try {
            return UiWorkflowReader.read(TXT2IMG).graph();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model with the txt2img sample open and the camera at scale 1, offset 0. */
    public static EditorModel model(Path root) {
        EditorModel m = new EditorModel(catalog(root), TextMeasure.approximate());
        m.open(new Document(txt2img(), Optional.of(TXT2IMG)));
        m.viewport().set(0, 0, 1);
        return m;
    }
}
