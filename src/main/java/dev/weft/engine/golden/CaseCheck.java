package dev.weft.engine.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparisons of one golden case, each labelled with the tensor or value it checks. The case
 * passes when all do; its result reports the worst absolute and relative errors and every failed
 * part ({@code "part: why"}, joined with {@code "; "}).
 */
public final class CaseCheck {
    private final String name;
    private double maxAbs;
    private double maxRel;
    private final List<String> failures = new ArrayList<>();

    /** @param name the case's result name, e.g. {@code samplers/euler__karras} */
    public CaseCheck(String name) {
        this.name = name;
    }

    /** A comparison within tolerance. */
    public CaseCheck add(String part, Tolerance.Comparison c) {
        maxAbs = Math.max(maxAbs, c.maxAbs());
        maxRel = Math.max(maxRel, c.relative());
        if (!c.ok()) {
            failures.add(part + ": " + c.detail());
        }
        return this;
    }

    /** A check that must hold exactly (counts, integer timesteps, shapes). */
    public CaseCheck require(String part, boolean ok, String why) {
        if (!ok) {
            failures.add(part + ": " + why);
        }
        return this;
    }

    public GoldenResult result() {
        return new GoldenResult(name, failures.isEmpty(), maxAbs, maxRel, String.join("; ", failures));
    }
}
