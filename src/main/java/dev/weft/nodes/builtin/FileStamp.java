package dev.weft.nodes.builtin;

import dev.weft.nodes.MissingFileException;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A model file's identity for the executor's cache key (ComfyUI's IS_CHANGED): replacing the file
 * on disk re-runs the loader. Cheap: size and modification time, no hashing of gigabytes.
 */
record FileStamp(String path, long size, long modified) {
    static Object of(NodeContext ctx, ModelFolder folder, String name) {
        try {
            return of(ctx.folders().resolve(folder, name));
        } catch (MissingFileException e) {
            return null; // the node itself reports the missing file
        }
    }

    static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(file.toAbsolutePath().toString(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;
        }
    }
}
