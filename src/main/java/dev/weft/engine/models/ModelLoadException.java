package dev.weft.engine.models;

import java.io.IOException;

/** A model file that cannot be used for what it was given to: the message says what it is and what to do. */
public final class ModelLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
