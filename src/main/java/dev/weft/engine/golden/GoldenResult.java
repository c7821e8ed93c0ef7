package dev.weft.engine.golden;

/**
 * The outcome of one golden case.
 *
 * @param name   suite and case, e.g. {@code samplers/euler__karras}
 * @param passed whether every tensor of the case is within tolerance
 * @param maxAbs worst absolute error over the case's tensors
 * @param maxRel worst error relative to the reference scale
 * @param detail what failed (empty when passed)
 */
public record GoldenResult(String name, boolean passed, double maxAbs, double maxRel, String detail) {
    /** A result built from a (possibly combined) comparison. */
    public static GoldenResult of(String name, Tolerance.Comparison c) {
        return new GoldenResult(name, c.ok(), c.maxAbs(), c.relative(), c.detail());
    }

    /** A case that could not be evaluated (missing file, exception): always a failure. */
    public static GoldenResult error(String name, String why) {
        return new GoldenResult(name, false, Double.NaN, Double.NaN, why);
    }
}
