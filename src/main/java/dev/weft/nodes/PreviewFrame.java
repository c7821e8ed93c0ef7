package dev.weft.nodes;

/**
 * One preview image for the UI: packed 8-bit RGB, row-major, {@code width * height * 3} bytes.
 * Immutable by convention: producers hand over the array and never touch it again.
 */
public record PreviewFrame(int width, int height, byte[] rgb) {
    public PreviewFrame {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("preview " + width + "x" + height + " needs "
                    + (width * height * 3) + " bytes, got " + rgb.length);
        }
    }
}
