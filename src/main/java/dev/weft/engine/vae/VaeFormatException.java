package dev.weft.engine.vae;

/**
 * A file that is not a VAE Weft can run: wrong layout, unsupported kind, or inconsistent shapes.
 * The message says what was found and what would work instead.
 */
public final class VaeFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public VaeFormatException(String message) {
        super(message);
    }
}
