package dev.weft.exec;

import com.google.gson.JsonPrimitive;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.WorkflowFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The project's sample workflows and a models folder that holds every file they name (empty files). */
public final class Samples {
    /** The samples folder; tests run in the project folder. */
    public static final Path FOLDER = Path.of("samples");
    public static final List<String> NAMES = List.of("txt2img.json", "img2img.json", "controlnet.json",
            "lora-stack.json", "hires-fix.json");
    /** Every file the samples name, relative to the models root; {@code input/} is the input folder. */
    public static final List<String> FILES = List.of(
            "models/checkpoints/v1-5-pruned-emaonly.safetensors",
            "models/controlnet/control_v11p_sd15_canny.safetensors",
            "models/loras/watercolor_style.safetensors",
            "models/loras/add_detail.safetensors",
            "input/example.png");

    private Samples() {
    }

    public static Path path(String name) {
        return FOLDER.resolve(name);
    }

    /** Creates {@code models/} and {@code input/} under {@code root} with every file the samples name. */
    public static ModelFolders folders(Path root) {
        try {
            for (String f : FILES) {
                Path p = root.resolve(f);
                Files.createDirectories(p.getParent());
                Files.write(p, new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelFolders(root.resolve("models"), root.resolve("input"));
    }

    /**
     * {@code p} shrunk to a 64x64 image and {@code steps} sampling steps, for a tiny model. In every
     * sample that starts from an empty latent, node 5 is the Empty Latent Image and node 3 the
     * KSampler.
     */
    public static ApiPrompt small(ApiPrompt p, int steps) {
        p = Prompts.with(p, "5", "width", new JsonPrimitive(64));
        p = Prompts.with(p, "5", "height", new JsonPrimitive(64));
        return Prompts.with(p, "3", "steps", new JsonPrimitive(steps));
    }

    /** A sample as Weft's executor runs it: exported with LoraStack kept, dynamic prompts resolved. */
    public static ApiPrompt prompt(String name, NodeRegistry registry) {
        try {
            WorkflowFile.Loaded loaded = WorkflowFile.load(path(name), registry);
            return PromptExporter.export(loaded.graph(), registry, PromptExporter.Options.forWeft());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
