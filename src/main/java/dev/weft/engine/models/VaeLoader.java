package dev.weft.engine.models;

import ai.djl.ndarray.NDManager;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.vae.AutoencoderKL;
import java.io.IOException;
import java.nio.file.Path;

/** Loads a standalone VAE file (models/vae), refusing files of other kinds by name. Engine thread only. */
public final class VaeLoader {
    private VaeLoader() {
    }

    public static SharedModel<AutoencoderKL> load(Path file, NDManager parent) throws IOException {
        String name = file.getFileName().toString();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            ModelKind kind = CheckpointInspector.inspect(f).kind();
            if (kind != ModelKind.VAE && kind != ModelKind.SD1) {
                throw new ModelLoadException(name + " is a " + kind.label() + ", not a VAE");
            }
            WeightMap weights = WeightMap.load(f, k -> kind == ModelKind.VAE || k.startsWith(CheckpointInspector.VAE_PREFIX),
                    parent);
            try {
                return SharedModel.create(AutoencoderKL.fromVaeFile(weights), weights, weights.byteSize());
            } catch (RuntimeException e) {
                weights.close();
                throw new ModelLoadException(name + " does not load as a VAE: " + e.getMessage(), e);
            }
        }
    }
}
