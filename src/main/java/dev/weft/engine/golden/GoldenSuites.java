package dev.weft.engine.golden;

import dev.weft.engine.lora.LoraGoldenSuite;
import dev.weft.engine.models.ControlNetWrapperGoldenSuite;
import dev.weft.engine.sampling.golden.SamplingSuites;
import dev.weft.engine.text.ClipTinyGoldenSuite;
import dev.weft.engine.text.TokenizerFiles;
import dev.weft.engine.text.TokenizerGoldenSuite;
import dev.weft.engine.unet.UNetGoldenSuite;
import dev.weft.engine.vae.VaeGoldenSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every golden suite the engine has, one per golden sub-folder. */
public final class GoldenSuites {
    private GoldenSuites() {
    }

    /**
     * @param modelsFolder the user's models folder; golden tokenizer sets that ship without the
     *                     CLIP vocabulary use the copy under {@code tokenizers/clip-vit-large-patch14}
     */
    public static List<GoldenSuite> all(Path modelsFolder) {
        List<GoldenSuite> suites = new ArrayList<>(SamplingSuites.all());
        suites.add(new TokenizerGoldenSuite(modelsFolder.resolve(TokenizerFiles.MODELS_SUBFOLDER)));
        suites.add(new ClipTinyGoldenSuite());
        suites.add(new UNetGoldenSuite("unet_sd15_tiny"));
        suites.add(new UNetGoldenSuite("unet_sdxl_tiny"));
        suites.add(new ControlNetWrapperGoldenSuite());
        suites.add(new VaeGoldenSuite());
        suites.add(new LoraGoldenSuite());
        return suites;
    }

    /** The suite that reads {@code folder}, if the engine covers it. */
    public static Optional<GoldenSuite> forFolder(String folder, Path modelsFolder) {
        return all(modelsFolder).stream().filter(s -> s.folder().equals(folder)).findFirst();
    }
}
