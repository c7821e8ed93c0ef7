package dev.weft.engine.sampling.preview;

/**
 * A small RGB image for live previews: 8 bits per channel, rows top to bottom, pixels left to
 * right, channels R, G, B ({@code rgb.length == width * height * 3}).
 */
public record PreviewImage(int width, int height, byte[] rgb) {
    public PreviewImage {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes for " + width + "x" + height);
        }
    }

    /** The channel value (0-255) at row y, column x, channel c. */
    public int at(int y, int x, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }
}
