package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.weft.engine.models.CheckpointInspector;
import dev.weft.engine.models.ModelKind;
import dev.weft.engine.models.ModelLoadException;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.WeightMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tensors of one LoRA file (any key layout; matching them to a model is {@link LoraMatcher}'s
 * job), loaded in fp32 (fp16 and bf16 files are widened, as ComfyUI computes patches in float32).
 * Files that are something else (a checkpoint, a ControlNet, a VAE, an embedding) are refused with
 * a message that names what they are. Engine thread only; the arrays live until the last
 * {@link SharedModel} handle is closed.
 */
public final class LoraFile {
    /**
     * A version of a LoRA file on disk: replacing the file gives another id, so patches computed
     * from the old one are never reused.
     */
    public record Id(Path file, long size, long modified) {
    }

    private final Id id;
    private final WeightMap tensors;

    private LoraFile(Id id, WeightMap tensors) {
        this.id = id;
        this.tensors = tensors;
    }

    /**
     * Loads {@code file} (a {@code .safetensors} file) under a new sub-manager of {@code parent}.
     *
     * @return a first handle; closing the last handle frees the tensors
     * @throws ModelLoadException when the file is not a LoRA, saying what it is and where it belongs
     */
    public static SharedModel<LoraFile> load(Path file, NDManager parent) throws IOException {
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new ModelLoadException(name + " is not a .safetensors file: Weft reads LoRAs in safetensors format"
                    + " only (pickled .pt/.ckpt files can run code when opened); convert it to .safetensors");
        }
        Path real = file.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        Id id = new Id(real, a.size(), a.lastModifiedTime().toMillis());
        try (SafetensorsFile f = SafetensorsFile.open(real)) {
            refuseNonLora(name, CheckpointInspector.inspect(f).kind());
            WeightMap tensors = WeightMap.load(f, parent);
            return SharedModel.create(new LoraFile(id, tensors), tensors, tensors.byteSize());
        }
    }

    /** Wraps tensors already in memory (tests, benchmarks); the map stays owned by the caller. */
    public static LoraFile of(Id id, WeightMap tensors) {
        return new LoraFile(id, tensors);
    }

    public Id id() {
        return id;
    }

    /** The file name, for messages. */
    public String name() {
        return id.file().getFileName().toString();
    }

    /** Every tensor name in the file. */
    public Set<String> keys() {
        return tensors.keys();
    }

    /** A tensor (fp32 for float dtypes); owned by this file, callers must not close it. */
    public Optional<NDArray> tensor(String key) {
        return tensors.find(key);
    }

    /** The value of a one-element tensor such as {@code <layer>.alpha}. */
    public Optional<Float> scalar(String key) {
        return tensors.find(key).filter(t -> t.size() == 1).map(t -> t.getDataType() == DataType.FLOAT32
                ? t.toFloatArray()[0] : t.toArray()[0].floatValue());
    }

    private static void refuseNonLora(String name, ModelKind kind) throws ModelLoadException {
        switch (kind) {
            case LORA, UNKNOWN -> {
                // UNKNOWN: LyCORIS or generic layouts the inspector does not know; the matcher decides.
            }
            case CONTROLNET, T2I_ADAPTER -> throw new ModelLoadException(name + " is a " + kind.label()
                    + ", not a LoRA: put it in models/controlnet and load it with Load ControlNet Model");
            case VAE -> throw new ModelLoadException(name + " is a VAE, not a LoRA: put it in models/vae and load it"
                    + " with Load VAE");
            case EMBEDDING -> throw new ModelLoadException(name + " is a textual-inversion embedding, not a LoRA: put"
                    + " it in models/embeddings and write embedding:" + stem(name) + " in a prompt");
            case TEXT_ENCODER -> throw new ModelLoadException(name + " is a text encoder, not a LoRA");
            default -> throw new ModelLoadException(name + " is a " + kind.label() + " checkpoint, not a LoRA: put"
                    + " it in models/checkpoints and load it with Load Checkpoint");
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
