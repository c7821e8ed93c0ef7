package dev.weft.engine.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.weft.engine.sampling.SamplerName;
import dev.weft.engine.sampling.Scheduler;
import dev.weft.engine.sampling.guidance.CfgGuider;
import dev.weft.engine.tensor.TensorRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which sampler steps a ControlNet acts in. At every step the sampler callback's state {@code x}
 * is denoised again by two plain guided models, one with the conditioning without the ControlNet
 * and one with it: the step used the ControlNet exactly when its x0 differs from the first.
 */
class ControlNetScheduleTest {
    private static final int STEPS = 6;
    private static final double CFG = 5.0;

    private NDManager m;
    private DiffusionModel model;
    private Conditioning positive;
    private Conditioning negative;
    private ControlNetModel control;
    private NDArray hint;

    @BeforeEach
    void init() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        model = TinyControl.model(m, 1);
        positive = TinyControl.text(m, 2);
        negative = TinyControl.text(m, 3);
        control = TinyControl.controlNet(m, 4, "canny.safetensors");
        hint = TinyControl.uniform(m, 5, 1, 3, 64, 64);
    }

    @AfterEach
    void free() {
        m.close();
    }

    @Test
    void aControlNetStartingAtHalfActsInTheSecondHalfOfTheStepsOnly() {
        List<Integer> used = stepsUsingTheControlNet(0.5, 1.0);
        assertEquals(List.of(3, 4, 5), used);
        assertEquals(expectedSteps(0.5, 1.0), used);
    }

    @Test
    void aControlNetEndingAtHalfActsInTheFirstHalfOfTheStepsOnly() {
        List<Integer> used = stepsUsingTheControlNet(0.0, 0.5);
        assertEquals(List.of(0, 1, 2), used);
        assertEquals(expectedSteps(0.0, 0.5), used);
    }

    /** Steps whose sigma lies in [percent_to_sigma(end), percent_to_sigma(start)]. */
    private List<Integer> expectedSteps(double start, double end) {
        float[] sigmas = DiffusionSampling.sigmas(model, settings());
        float high = (float) model.sampling().percentToSigma(start);
        float low = (float) model.sampling().percentToSigma(end);
        return IntStream.range(0, sigmas.length - 1).filter(i -> sigmas[i] <= high && sigmas[i] >= low).boxed()
                .toList();
    }

    private List<Integer> stepsUsingTheControlNet(double start, double end) {
        List<Conditioning> controlled = ControlApplication.applyAdvanced(positive, negative, control, hint, 1.0,
                start, end);
        List<Integer> used = new ArrayList<>();
        List<Integer> reproduced = new ArrayList<>();
        try (NDManager out = m.newSubManager(); NDManager probe = m.newSubManager()) {
            CfgGuider plain = new CfgGuider(new UNetDenoiser(model, positive, negative, probe), CFG, model.guidance());
            CfgGuider same = new CfgGuider(new UNetDenoiser(model, controlled.get(0), controlled.get(1), probe), CFG,
                    model.guidance());
            Latent empty = Latent.of(out.zeros(new ai.djl.ndarray.types.Shape(1, 4, 8, 8)));
            DiffusionSampling.sample(model, controlled.get(0), controlled.get(1), empty, settings(),
                    (step, sigma, x, denoised) -> {
                        if (TinyControl.maxAbsDiff(plain.denoise(x, sigma), denoised) > 0) {
                            used.add(step);
                        }
                        if (TinyControl.maxAbsDiff(same.denoise(x, sigma), denoised) == 0) {
                            reproduced.add(step);
                        }
                    }, () -> false, out);
        }
        assertEquals(IntStream.range(0, STEPS).boxed().toList(), reproduced,
                "re-denoising with the controlled conditioning reproduces every step");
        assertTrue(!used.isEmpty() && used.size() < STEPS);
        return used;
    }

    private static SamplerSettings settings() {
        return SamplerSettings.ksampler(42, STEPS, CFG, SamplerName.EULER, Scheduler.NORMAL, 1.0);
    }
}
