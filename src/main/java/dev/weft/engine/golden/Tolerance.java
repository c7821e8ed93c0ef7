package dev.weft.engine.golden;

/**
 * A golden comparison bound: a result passes when {@code max|got - ref| <= atol + rtol * max|ref|}
 * (the rule of shared/golden/README.md). NaN in the reference must be NaN in the result.
 */
public record Tolerance(double atol, double rtol) {
    /** sigmas and sigma/timestep conversions. */
    public static final Tolerance SIGMAS = new Tolerance(1e-6, 1e-5);
    /** seeded noise: bit-exact. */
    public static final Tolerance EXACT = new Tolerance(0, 0);
    /** samplers with replayed noise, CFG and RescaleCFG. */
    public static final Tolerance SAMPLERS = new Tolerance(1e-5, 1e-4);
    /** UNet, ControlNet, CLIP and VAE float outputs. */
    public static final Tolerance MODELS = new Tolerance(1e-5, 2e-4);
    /** merged LoRA weights. */
    public static final Tolerance LORA = new Tolerance(1e-6, 1e-5);

    /** Compares element-wise; arrays must have equal length. */
    public Comparison compare(float[] got, float[] ref) {
        if (got.length != ref.length) {
            return new Comparison(Double.POSITIVE_INFINITY, 0, false,
                    "length " + got.length + " != reference length " + ref.length);
        }
        double maxAbs = 0;
        double maxRef = 0;
        for (int i = 0; i < ref.length; i++) {
            float r = ref[i];
            float g = got[i];
            if (Float.isNaN(r) || Float.isNaN(g)) {
                if (Float.isNaN(r) != Float.isNaN(g)) {
                    return new Comparison(Double.POSITIVE_INFINITY, maxRef, false, "NaN mismatch at index " + i);
                }
                continue;
            }
            if (Float.isInfinite(r) || Float.isInfinite(g)) {
                if (r != g) {
                    return new Comparison(Double.POSITIVE_INFINITY, maxRef, false, "infinity mismatch at index " + i);
                }
                continue;
            }
            maxAbs = Math.max(maxAbs, Math.abs((double) g - r));
            maxRef = Math.max(maxRef, Math.abs(r));
        }
        boolean ok = maxAbs <= atol + rtol * maxRef;
        return new Comparison(maxAbs, maxRef, ok, ok ? "" : "max |got-ref| " + maxAbs + " > "
                + atol + " + " + rtol + " * " + maxRef);
    }

    /** Compares doubles (sigma schedules) with the same rule. */
    public Comparison compare(double[] got, double[] ref) {
        float[] g = new float[got.length];
        float[] r = new float[ref.length];
        for (int i = 0; i < got.length; i++) {
            g[i] = (float) got[i];
        }
        for (int i = 0; i < ref.length; i++) {
            r[i] = (float) ref[i];
        }
        return compare(g, r);
    }

    /**
     * The same rule for one value in full double precision ({@link #compare(double[], double[])}
     * rounds to float first).
     */
    public Comparison compareValue(double got, double ref) {
        double abs = Math.abs(got - ref);
        boolean ok = abs <= atol + rtol * Math.abs(ref);
        return new Comparison(abs, Math.abs(ref), ok, ok ? "" : "got " + got + ", expected " + ref);
    }

    /**
     * The result of one comparison.
     *
     * @param maxAbs largest absolute difference
     * @param maxRef largest reference magnitude (the scale for the relative error)
     * @param ok     whether the tolerance holds
     * @param detail why it failed, empty when it passed
     */
    public record Comparison(double maxAbs, double maxRef, boolean ok, String detail) {
        /** {@code maxAbs / maxRef}, or {@code maxAbs} when the reference is all zeros. */
        public double relative() {
            return maxRef > 0 ? maxAbs / maxRef : maxAbs;
        }

        /** Combines two comparisons of parts of one case: the worst of both. */
        public Comparison and(Comparison other) {
            boolean both = ok && other.ok;
            String d = !ok ? detail : other.detail;
            return maxAbs >= other.maxAbs
                    ? new Comparison(maxAbs, Math.max(maxRef, other.maxRef), both, d)
                    : new Comparison(other.maxAbs, Math.max(maxRef, other.maxRef), both, d);
        }
    }
}
