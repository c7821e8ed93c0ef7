package dev.weft.exec;

import com.google.gson.JsonElement;
import dev.weft.graph.InputSpec;
import dev.weft.nodes.FileList;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.ModelFolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Inputs that name a file (their spec option {@code weft_files}), and how to tell a user where it goes. */
final class FileInputs {
    private FileInputs() {
    }

    /** The file list an input draws from, if it names files. */
    static Optional<FileList> list(InputSpec spec) {
        return spec.option("weft_files").filter(JsonElement::isJsonPrimitive).map(JsonElement::getAsString)
                .flatMap(FileList::byKey);
    }

    /** The folder a missing file of that list should be put in (the first one Weft looks in). */
    static Path folder(FileList list, ModelFolders folders) {
        ModelFolder kind = switch (list) {
            case CHECKPOINTS -> ModelFolder.CHECKPOINTS;
            case VAE -> ModelFolder.VAE;
            case LORAS -> ModelFolder.LORAS;
            case CONTROLNET -> ModelFolder.CONTROLNET;
            case INPUT -> null;
        };
        return kind == null ? folders.inputFolder() : folders.directories(kind).get(0);
    }

    /** {@code put x.safetensors in /models/checkpoints or choose one of: a, b}. */
    static String fix(String name, FileList list, ModelFolders folders, List<String> choices) {
        String put = "put " + name + " in " + folder(list, folders);
        return choices.isEmpty() ? put + " (the folder has no usable files yet)"
                : put + " or choose one of: " + ConstantInputs.choices(choices);
    }
}
