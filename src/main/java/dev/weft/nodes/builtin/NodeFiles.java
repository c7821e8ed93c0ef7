package dev.weft.nodes.builtin;

import dev.weft.nodes.MissingFileException;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import java.nio.file.Path;

/** Resolving a node's file inputs to paths, with the failure on the right input. */
final class NodeFiles {
    private NodeFiles() {
    }

    /** The model file {@code name} in {@code folder}, or a failure on {@code input} listing where it looked. */
    static Path model(NodeContext ctx, ModelFolder folder, String input, String name) throws NodeFailure {
        try {
            return ctx.folders().resolve(folder, name);
        } catch (MissingFileException e) {
            throw new NodeFailure(input, e.getMessage(), e);
        }
    }

    /** The image {@code name} in the input folder. */
    static Path input(NodeContext ctx, String input, String name) throws NodeFailure {
        try {
            return ctx.folders().resolveInput(name);
        } catch (MissingFileException e) {
            throw new NodeFailure(input, e.getMessage(), e);
        }
    }
}
