package dev.weft.engine.golden;

import java.nio.file.Path;
import java.util.List;

/**
 * Checks one family of golden cases (one sub-folder of a directory laid out like
 * {@code shared/golden}) against Weft's engine. Implementations must read every dimension,
 * seed and parameter from the case's manifests and tensors, so unseen cases in the same layout
 * are evaluated too. Runs on the calling thread, which then owns all DJL objects it creates.
 */
public interface GoldenSuite {
    /** The sub-folder this suite reads, e.g. {@code "samplers"}. */
    String folder();

    /**
     * Evaluates every case found in {@code caseDir}. A case that throws is reported as an
     * error result, never propagated ({@link SuiteRun} provides that guard).
     */
    List<GoldenResult> run(Path caseDir);
}
