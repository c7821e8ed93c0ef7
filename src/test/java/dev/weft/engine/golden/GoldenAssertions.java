package dev.weft.engine.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

/** Asserting a golden suite's results, with every failure listed in the message. */
public final class GoldenAssertions {
    private GoldenAssertions() {
    }

    /** The suite found at least one case, and every case passed. */
    public static void assertAllPassed(List<GoldenResult> results) {
        assertFalse(results.isEmpty(), "the suite found no cases");
        List<GoldenResult> failed = results.stream().filter(r -> !r.passed()).collect(Collectors.toList());
        String report = failed.stream()
                .map(r -> r.name() + " maxAbs=" + r.maxAbs() + " maxRel=" + r.maxRel() + " " + r.detail())
                .collect(Collectors.joining("\n"));
        assertTrue(failed.isEmpty(), failed.size() + " of " + results.size() + " cases failed:\n" + report);
    }
}
