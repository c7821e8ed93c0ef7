package dev.weft.nodes;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lists of files a spec input can ask Weft to fill at run time, named by the input's
 * {@code "weft_files"} option. Each is the list ComfyUI shows for the same input.
 */
public enum FileList {
    /** CheckpointLoaderSimple {@code ckpt_name}. */
    CHECKPOINTS("checkpoints"),
    /** VAELoader {@code vae_name}: {@code vae} files plus TAESD variants and {@code pixel_space}. */
    VAE("vae"),
    /** LoraLoader, LoraLoaderModelOnly and LoraStack. */
    LORAS("loras"),
    /** ControlNetLoader: {@code controlnet} and {@code t2i_adapter}. */
    CONTROLNET("controlnet"),
    /** LoadImage {@code image}: images in the input folder. */
    INPUT("input");

    private final String key;

    FileList(String key) {
        this.key = key;
    }

    /** The value of {@code "weft_files"} that asks for this list. */
    public String key() {
        return key;
    }

    /** The current file names, sorted as ComfyUI sorts them. Reads the disk. */
    public List<String> names(ModelFolders folders) {
        return switch (this) {
            case CHECKPOINTS -> folders.list(ModelFolder.CHECKPOINTS);
            case VAE -> folders.vaeLoaderChoices();
            case LORAS -> folders.list(ModelFolder.LORAS);
            case CONTROLNET -> folders.list(ModelFolder.CONTROLNET);
            case INPUT -> folders.inputImages();
        };
    }

    /** The list a {@code "weft_files"} value names, if any. */
    public static Optional<FileList> byKey(String key) {
        return Arrays.stream(values()).filter(l -> l.key.equals(key)).findFirst();
    }

    /** The accepted {@code "weft_files"} values, for error messages. */
    public static String keys() {
        return Arrays.stream(values()).map(FileList::key).collect(Collectors.joining(", "));
    }
}
