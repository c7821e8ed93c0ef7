package dev.weft.ui.canvas;

/**
 * Measures the width of a line of text, in canvas units at zoom 1. The UI supplies one backed by
 * its font; plain tests use {@link #approximate()}.
 */
@FunctionalInterface
public interface TextMeasure {
    double width(String text, double fontSize);

    /** Six tenths of the font size per character: close to a proportional sans-serif font. */
    static TextMeasure approximate() {
        return (text, size) -> text.length() * size * 0.6;
    }
}
