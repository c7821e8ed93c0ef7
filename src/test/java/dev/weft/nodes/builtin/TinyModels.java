package dev.weft.nodes.builtin;

import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.models.SyntheticVocabulary;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.text.ClipVocabulary;
import dev.weft.nodes.ModelFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A models folder with tiny random SD 1.x weights under the sample workflows' file names, and a
 * small synthetic CLIP vocabulary (Weft never ships the real one), so the real engine runs the
 * samples end to end in seconds.
 */
public final class TinyModels {
    public static final String CHECKPOINT = "v1-5-pruned-emaonly.safetensors";

    private TinyModels() {
    }

    /** Writes {@code models/checkpoints/<CHECKPOINT>} (fp16, widened on load) and an input folder under {@code root}. */
    public static ModelFolders create(Path root) {
        try {
            Path ckpt = root.resolve("models/checkpoints").resolve(CHECKPOINT);
            Files.createDirectories(ckpt.getParent());
            var clip = SyntheticCheckpoint.tinyClip();
            SyntheticCheckpoint.write(ckpt, SyntheticCheckpoint.shapes(SyntheticCheckpoint.tinyUnet(clip.hiddenSize()),
                    clip, SyntheticCheckpoint.tinyVae()), DType.F16, 7);
            Files.createDirectories(root.resolve("input"));
            return new ModelFolders(root.resolve("models"), root.resolve("input"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A synthetic CLIP vocabulary (see {@link SyntheticVocabulary}). */
    public static ClipVocabulary vocabulary() {
        return SyntheticVocabulary.create();
    }
}
