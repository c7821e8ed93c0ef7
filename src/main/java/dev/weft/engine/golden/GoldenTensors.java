package dev.weft.engine.golden;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.tensor.SafetensorsFile;
import java.io.IOException;
import java.util.Arrays;

/** Comparing a computed tensor with a reference tensor of a golden safetensors file. */
public final class GoldenTensors {
    private GoldenTensors() {
    }

    /**
     * {@code got} against the tensor {@code ref} of {@code io}: shapes must be equal, then the
     * values within {@code tol}. A failure's detail starts with the reference name.
     */
    public static Tolerance.Comparison compare(Tolerance tol, NDArray got, SafetensorsFile io, String ref)
            throws IOException {
        long[] refShape = io.info(ref).shape();
        long[] gotShape = got.getShape().getShape();
        if (!Arrays.equals(refShape, gotShape)) {
            return new Tolerance.Comparison(Double.POSITIVE_INFINITY, 0, false, ref + ": shape "
                    + Arrays.toString(gotShape) + " != reference " + Arrays.toString(refShape));
        }
        Tolerance.Comparison c = tol.compare(got.toFloatArray(), io.readFloats(ref));
        return c.ok() ? c : new Tolerance.Comparison(c.maxAbs(), c.maxRef(), false, ref + ": " + c.detail());
    }
}
