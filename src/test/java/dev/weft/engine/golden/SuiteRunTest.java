package dev.weft.engine.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard the golden suites share: nothing a suite does escapes as an exception. */
class SuiteRunTest {
    @Test
    void aThrowingCaseIsAnErrorUnderItsOwnNameAndTheOthersStillRun() {
        List<GoldenResult> results = SuiteRun.collect("cfg", run -> {
            run.evaluate("cfg/a", () -> new GoldenResult("cfg/a", true, 0, 0, ""));
            run.evaluate("cfg/b", () -> {
                throw new IllegalStateException("shape mismatch");
            });
            run.evaluate("cfg/c", () -> new CaseCheck("cfg/c").require("count", false, "got 2").result());
        });

        assertEquals(List.of("cfg/a", "cfg/b", "cfg/c"), results.stream().map(GoldenResult::name).toList());
        assertTrue(results.get(0).passed());
        assertFalse(results.get(1).passed());
        assertEquals("IllegalStateException: shape mismatch", results.get(1).detail());
        assertTrue(Double.isNaN(results.get(1).maxAbs()));
        assertEquals("count: got 2", results.get(2).detail());
    }

    @Test
    void aFailureOutsideAnyCaseIsOneErrorUnderTheFolderAfterTheResultsSoFar() {
        List<GoldenResult> results = SuiteRun.collect("sigmas", run -> {
            run.evaluate("sigmas/model_sigmas", () -> new GoldenResult("sigmas/model_sigmas", true, 0, 0, ""));
            throw new NoSuchFileException("schedules.json");
        });

        assertEquals(2, results.size());
        assertEquals(new GoldenResult("sigmas", false, Double.NaN, Double.NaN,
                "NoSuchFileException: schedules.json"), results.get(1));
    }

    @Test
    void caseCheckReportsTheWorstErrorsAndEveryFailedPart() {
        GoldenResult r = new CaseCheck("samplers/x")
                .add("x_init", Tolerance.SAMPLERS.compare(new float[] {1f, 2f}, new float[] {1f, 2f}))
                .add("output", Tolerance.EXACT.compare(new float[] {1f, 3f}, new float[] {1f, 2f}))
                .require("callback_steps", false, "got [0, 1]")
                .result();

        assertFalse(r.passed());
        assertEquals(1.0, r.maxAbs());
        assertEquals(0.5, r.maxRel());
        assertEquals("output: max |got-ref| 1.0 > 0.0 + 0.0 * 2.0; callback_steps: got [0, 1]", r.detail());
    }
}
