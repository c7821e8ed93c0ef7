package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** KSamplerAdvanced's start/end slicing (ComfyUI's KSampler.sample), which has no golden case. */
class KSamplerSigmasTest {
    private static final float[] TEN = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};

    @Test
    void endStepKeepsSigmasUpToItAndForceFullDenoiseZeroesTheLast() {
        assertArrayEquals(new float[] {10, 9, 8, 7, 6}, KSamplerSigmas.slice(TEN, -1, 4, false));
        assertArrayEquals(new float[] {10, 9, 8, 7, 0}, KSamplerSigmas.slice(TEN, -1, 4, true));
    }

    @Test
    void endStepAtOrPastTheLastStepChangesNothingEvenWithForceFullDenoise() {
        assertArrayEquals(TEN, KSamplerSigmas.slice(TEN, -1, 10, true));
        assertArrayEquals(TEN, KSamplerSigmas.slice(TEN, -1, 10000, false));
    }

    @Test
    void startStepDropsTheFirstSigmasAndAStartAtTheEndMeansNoSampling() {
        assertArrayEquals(new float[] {7, 6, 5, 4, 3, 2, 1, 0}, KSamplerSigmas.slice(TEN, 3, 10000, false));
        assertArrayEquals(new float[] {7, 6, 0}, KSamplerSigmas.slice(TEN, 3, 5, true));
        assertEquals(0, KSamplerSigmas.slice(TEN, 10, 10000, false).length);
        assertEquals(0, KSamplerSigmas.slice(TEN, 4, 4, false).length);
    }

    @Test
    void denoiseZeroGivesNoSigmas() {
        ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
        assertEquals(0, KSamplerSigmas.forKSampler(ms, Scheduler.NORMAL, SamplerName.EULER, 20, 0.0).length);
    }
}
