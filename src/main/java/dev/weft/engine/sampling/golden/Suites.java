package dev.weft.engine.sampling.golden;

import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Shared plumbing of the sampling golden suites. */
final class Suites {
    private Suites() {
    }

    /** Runs one case, turning any exception into an error result (suites never throw). */
    static void runCase(List<GoldenResult> out, String name, Callable<GoldenResult> body) {
        try {
            out.add(body.call());
        } catch (Exception e) {
            out.add(GoldenResult.error(name, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * {@link Tolerance}'s rule for one value in full double precision (its own
     * {@code compare(double[], double[])} rounds to float first).
     */
    static Tolerance.Comparison compareExactDouble(Tolerance tol, double got, double ref) {
        double abs = Math.abs(got - ref);
        boolean ok = abs <= tol.atol() + tol.rtol() * Math.abs(ref);
        return new Tolerance.Comparison(abs, Math.abs(ref), ok, ok ? "" : "got " + got + ", expected " + ref);
    }

    /**
     * The comparisons of one case, each labelled with the tensor or value it checks; the case
     * passes when all do, and reports its worst errors and every failed part.
     */
    static final class Check {
        private final String name;
        private double maxAbs;
        private double maxRel;
        private final List<String> failures = new ArrayList<>();

        Check(String name) {
            this.name = name;
        }

        Check add(String part, Tolerance.Comparison c) {
            maxAbs = Math.max(maxAbs, c.maxAbs());
            maxRel = Math.max(maxRel, c.relative());
            if (!c.ok()) {
                failures.add(part + ": " + c.detail());
            }
            return this;
        }

        /** A check that must hold exactly (counts, integer timesteps, shapes). */
        Check require(String part, boolean ok, String why) {
            if (!ok) {
                failures.add(part + ": " + why);
            }
            return this;
        }

        GoldenResult result() {
            return new GoldenResult(name, failures.isEmpty(), maxAbs, maxRel, String.join("; ", failures));
        }
    }
}
