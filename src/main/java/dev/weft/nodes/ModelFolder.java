package dev.weft.nodes;

import java.util.List;
import java.util.Set;

/**
 * The models sub-folders Weft reads, laid out as ComfyUI's {@code folder_paths.py} lays them out,
 * so an existing ComfyUI {@code models/} folder works unchanged.
 *
 * <p>A folder kind may span several directories: {@link #CONTROLNET} lists both
 * {@code controlnet/} and {@code t2i_adapter/}, as ComfyUI's ControlNetLoader does; a name found in
 * both resolves to the first.
 */
public enum ModelFolder {
    CHECKPOINTS("checkpoints", List.of("checkpoints"), Extensions.PYTORCH),
    LORAS("loras", List.of("loras"), Extensions.PYTORCH),
    CONTROLNET("controlnet", List.of("controlnet", "t2i_adapter"), Extensions.PYTORCH),
    VAE("vae", List.of("vae"), Extensions.PYTORCH),
    /** Tiny preview/fast VAEs (TAESD): {@code taesd_encoder.*}, {@code taesd_decoder.*}, .... */
    VAE_APPROX("vae_approx", List.of("vae_approx"), Extensions.PYTORCH),
    EMBEDDINGS("embeddings", List.of("embeddings"), Extensions.PYTORCH),
    /**
     * Weft's own (ComfyUI keeps its tokenizer files inside its source tree): CLIP BPE vocabularies
     * and merges. Every file is listed, whatever its extension.
     */
    TOKENIZERS("tokenizers", List.of("tokenizers"), Set.of());

    private final String key;
    private final List<String> directories;
    private final Set<String> extensions;

    ModelFolder(String key, List<String> directories, Set<String> extensions) {
        this.key = key;
        this.directories = directories;
        this.extensions = extensions;
    }

    /** ComfyUI's name for this folder kind ({@code folder_names_and_paths} key). */
    public String key() {
        return key;
    }

    /** Directory names below the models root, in look-up order. */
    public List<String> directories() {
        return directories;
    }

    /** Accepted extensions, lower case with the dot; empty means every file. */
    public Set<String> extensions() {
        return extensions;
    }

    /** Whether a file of this (relative) name belongs in this folder's list. */
    public boolean accepts(String name) {
        return extensions.isEmpty() || extensions.contains(ComfyFileNames.extension(name));
    }

    /** Holder so the enum constants can share the set (constants cannot read the enum's own statics). */
    private static final class Extensions {
        /** ComfyUI's {@code supported_pt_extensions}. */
        static final Set<String> PYTORCH = Set.of(".ckpt", ".pt", ".pt2", ".bin", ".pth", ".safetensors", ".pkl", ".sft");
    }
}
