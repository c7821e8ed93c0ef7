package dev.weft.engine.tensor;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that cannot be read: the message names the file and what is wrong with it. */
public final class SafetensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafetensorsException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
    }

    public SafetensorsException(Path file, String problem, Throwable cause) {
        super(file.getFileName() + ": " + problem, cause);
    }
}
