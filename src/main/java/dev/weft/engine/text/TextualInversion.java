package dev.weft.engine.text;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A textual-inversion embedding: {@code rows} learned token vectors of {@code width} floats that
 * replace the text {@code embedding:name} in a prompt, one prompt position per row.
 *
 * @param name   the name as written after {@code embedding:}
 * @param file   the file it was read from
 * @param width  floats per vector (768 for SD 1.x); may differ from the model's, which the encoder reports
 * @param values row-major {@code [rows, width]} values; not copied, do not modify
 */
public record TextualInversion(String name, Path file, int width, float[] values) {
    public TextualInversion {
        if (width <= 0 || values.length == 0 || values.length % width != 0) {
            throw new IllegalArgumentException("embedding '" + name + "' in " + file + ": " + values.length
                    + " values do not form rows of width " + width);
        }
    }

    /** Number of vectors (prompt positions) the embedding takes. */
    public int rows() {
        return values.length / width;
    }

    /** A copy of vector {@code i}. */
    public float[] row(int i) {
        return Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
}
