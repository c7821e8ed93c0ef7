package dev.weft.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.golden.ClosedFormDenoiser;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.sampling.samplers.Samplers;
import dev.weft.engine.tensor.TensorRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs each sampler for 50 steps on the closed-form denoiser and counts the arrays alive in the
 * base manager at the start of every step (where the cancellation check runs, between step
 * scopes): the second half of the run must never hold more arrays than the first half did after
 * the sampler's history filled up (a leak of even one array per step would show), and after the
 * run nothing the sampler made may be left. (The count is not constant for every sampler:
 * sa_solver carries its SDE noise only once sigma enters its stochastic window.)
 */
class SamplerMemoryTest {
    private static final int STEPS = 50;
    /** By this step every sampler's history (at most 4 entries) is full. */
    private static final int WARM_UP = 6;

    @ParameterizedTest
    @EnumSource(SamplerName.class)
    void liveArraysStayFlatOverFiftySteps(SamplerName name) {
        TensorRuntime.ensureInit();
        ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
        float[] sigmas = KSamplerSigmas.forKSampler(ms, Scheduler.KARRAS, name, STEPS, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = m.randomNormal(new Shape(1, 4, 8, 8));
            NDArray latent = m.zeros(noise.getShape());
            NDArray mu = m.randomNormal(noise.getShape());
            NDArray muUncond = m.randomNormal(noise.getShape());
            Denoiser denoiser = name.needsUnconditional()
                    ? new CfgGuider(ClosedFormDenoiser.conditioned(mu, muUncond), 2.0, GuidanceOptions.DEFAULT)
                    : new ClosedFormDenoiser(mu);
            List<Integer> live = new ArrayList<>();
            CancellationCheck counting = () -> {
                live.add(m.getManagedArrays().size());
                return false;
            };
            int before = m.getManagedArrays().size();
            SamplingContext ctx = new SamplingContext(ms, denoiser, sigmas, new SeededNoise(1), StepListener.NONE,
                    counting);
            NDArray out = KSampling.sample(Samplers.create(name), ctx, noise, latent);
            out.close();

            assertEquals(before, m.getManagedArrays().size(), "arrays left behind after the run");
            // dpm_fast spends the 50 model calls in 17 steps, dpm_adaptive picks its own; the rest run 50.
            int expectedSteps = switch (name) {
                case DPM_FAST -> STEPS / 3 + 1;
                case DPM_ADAPTIVE -> 8;
                default -> STEPS;
            };
            assertTrue(live.size() >= expectedSteps, "only " + live.size() + " steps ran");
            int warmUp = Math.min(WARM_UP, live.size() / 4);
            int half = live.size() / 2;
            int firstHalfMax = live.subList(warmUp, half).stream().mapToInt(Integer::intValue).max().orElseThrow();
            int secondHalfMax = live.subList(half, live.size()).stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(secondHalfMax <= firstHalfMax, "live arrays per step: " + live);
            assertTrue(firstHalfMax - before <= 12, "more state than any sampler carries: " + live);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SamplerName.class, names = {"EULER", "DPMPP_2M", "UNI_PC", "DPM_ADAPTIVE"})
    void cancellationStopsAtTheRequestedStepAndFreesEverything(SamplerName name) {
        TensorRuntime.ensureInit();
        ModelSampling ms = ModelSampling.sd(Parameterization.EPS);
        float[] sigmas = KSamplerSigmas.forKSampler(ms, Scheduler.NORMAL, name, 10, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = m.randomNormal(new Shape(1, 4, 8, 8));
            NDArray latent = m.zeros(noise.getShape());
            NDArray mu = m.zeros(noise.getShape());
            int before = m.getManagedArrays().size();
            int[] checks = {0};
            CancellationCheck cancelAtThree = () -> ++checks[0] > 3;
            SamplingContext ctx = new SamplingContext(ms, new ClosedFormDenoiser(mu), sigmas, new SeededNoise(1),
                    StepListener.NONE, cancelAtThree);
            SamplingCancelledException e = assertThrows(SamplingCancelledException.class,
                    () -> KSampling.sample(Samplers.create(name), ctx, noise, latent));
            assertEquals(3, e.step());
            assertEquals(before, m.getManagedArrays().size(), "arrays left behind after the cancel");
        }
    }
}
