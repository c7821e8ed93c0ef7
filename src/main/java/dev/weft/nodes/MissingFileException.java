package dev.weft.nodes;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A file named by a workflow (a checkpoint, LoRA, input image, ...) is not where Weft looks.
 * The message names the file, the folder kind and every path tried, and says how to fix it;
 * the executor adds the node and input.
 */
public final class MissingFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String folder;
    private final String name;
    private final List<Path> lookedAt;

    public MissingFileException(String folder, String name, List<Path> lookedAt, String fix) {
        super("File '" + name + "' not found in the " + folder + " folder. Looked at: "
                + lookedAt.stream().map(Path::toString).collect(Collectors.joining(", ")) + ". " + fix);
        this.folder = folder;
        this.name = name;
        this.lookedAt = List.copyOf(lookedAt);
    }

    /** The folder kind, e.g. {@code checkpoints} or {@code input}. */
    public String folder() {
        return folder;
    }

    /** The name as the workflow gave it. */
    public String name() {
        return name;
    }

    /** Absolute paths tried, in order. */
    public List<Path> lookedAt() {
        return lookedAt;
    }
}
