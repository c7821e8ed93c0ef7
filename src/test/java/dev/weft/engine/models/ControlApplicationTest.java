package dev.weft.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.weft.engine.sampling.guidance.CondKind;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.unet.ControlNet;
import dev.weft.engine.unet.ControlNetConfig;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.unet.UNetConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Apply ControlNet nodes do to conditioning, and how the sampler's model honours it. */
class ControlApplicationTest {
    private NDManager m;
    private ControlNetModel control;
    private NDArray hint;
    private Conditioning positive;
    private Conditioning negative;

    @BeforeEach
    void init() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        control = TinyControl.controlNet(m, 1, "canny.safetensors");
        hint = TinyControl.uniform(m, 2, 1, 3, 64, 64);
        positive = TinyControl.text(m, 3);
        negative = TinyControl.text(m, 4);
    }

    @AfterEach
    void free() {
        m.close();
    }

    @Test
    void strengthZeroReturnsTheInputsThemselves() {
        List<Conditioning> out = ControlApplication.applyAdvanced(positive, negative, control, hint, 0, 0, 1);
        assertSame(positive, out.get(0));
        assertSame(negative, out.get(1));
        assertSame(positive, ControlApplication.apply(positive, control, hint, 0));
    }

    @Test
    void positiveAndNegativeEntriesWithTheSamePreviousChainShareOneHint() {
        Conditioning twoEntries = new Conditioning(List.of(positive.entries().get(0), negative.entries().get(0)));
        List<Conditioning> once = ControlApplication.applyAdvanced(twoEntries, negative, control, hint, 0.9, 0.2, 0.8);
        ControlHint h = once.get(0).entries().get(0).controls().get(0);
        assertSame(h, once.get(0).entries().get(1).controls().get(0));
        assertSame(h, once.get(1).entries().get(0).controls().get(0));
        assertEquals(0.9, h.strength());
        assertEquals(0.2, h.startPercent());
        assertEquals(0.8, h.endPercent());
        assertFalse(once.get(0).entries().get(0).controlsApplyToUncond());

        ControlNetModel other = TinyControl.controlNet(m, 5, "depth.safetensors");
        List<Conditioning> twice = ControlApplication.applyAdvanced(once.get(0), once.get(1), other, hint, 1, 0, 1);
        List<ControlHint> chain = twice.get(1).entries().get(0).controls();
        assertEquals(2, chain.size());
        assertSame(h, chain.get(0));
        assertSame(other, chain.get(1).control());
        assertSame(chain.get(1), twice.get(0).entries().get(1).controls().get(1));

        // entries with different previous chains get different new hints
        Conditioning mixed = new Conditioning(List.of(once.get(0).entries().get(0), positive.entries().get(0)));
        List<Conditioning> split = ControlApplication.applyAdvanced(mixed, negative, other, hint, 1, 0, 1);
        ControlHint afterChain = split.get(0).entries().get(0).controls().get(1);
        ControlHint afterNothing = split.get(0).entries().get(1).controls().get(0);
        assertNotSame(afterChain, afterNothing);
        assertSame(afterNothing, split.get(1).entries().get(0).controls().get(0));
    }

    @Test
    void theOldApplyGivesEachEntryItsOwnHintFlaggedForTheUncond() {
        Conditioning two = new Conditioning(List.of(positive.entries().get(0), negative.entries().get(0)));
        Conditioning out = ControlApplication.apply(two, control, hint, 0.6);
        CondEntry a = out.entries().get(0);
        CondEntry b = out.entries().get(1);
        assertNotSame(a.controls().get(0), b.controls().get(0));
        assertTrue(a.controlsApplyToUncond() && b.controlsApplyToUncond());
        assertEquals(0.0, a.controls().get(0).startPercent());
        assertEquals(1.0, a.controls().get(0).endPercent());
    }

    @Test
    void aNegativeWithoutControlNetsGetsTheFlaggedChainsInTurn() {
        Conditioning three = new Conditioning(List.of(positive.entries().get(0), positive.entries().get(0),
                positive.entries().get(0)));
        Conditioning flagged = ControlApplication.apply(three, control, hint, 1);
        Conditioning twoNegatives = new Conditioning(List.of(negative.entries().get(0), negative.entries().get(0)));
        Conditioning given = UncondControls.negativeFor(flagged, twoNegatives);
        // k-th flagged chain to negative k mod 2: the third replaces the first on entry 0
        assertSame(flagged.entries().get(2).controls().get(0), given.entries().get(0).controls().get(0));
        assertSame(flagged.entries().get(1).controls().get(0), given.entries().get(1).controls().get(0));
        assertSame(negative.entries().get(0).cond(), given.entries().get(0).cond());

        Conditioning own = ControlApplication.applyAdvanced(negative, negative, control, hint, 1, 0, 1).get(0);
        assertSame(own, UncondControls.negativeFor(flagged, own));
        Conditioning advanced = ControlApplication.applyAdvanced(positive, negative, control, hint, 1, 0, 1).get(0);
        assertSame(negative, UncondControls.negativeFor(advanced, negative));
    }

    @Test
    void theOldApplyOnThePositiveSamplesLikeTheAdvancedApplyOnBoth() {
        DiffusionModel model = TinyControl.model(m, 6);
        NDArray x = TinyControl.normal(m, 7, 1, 4, 8, 8);
        NDArray both = NDArrays.concat(new NDList(x, x));
        NDArray sigma = m.create(new float[] {2f, 2f});
        List<CondKind> chunks = List.of(CondKind.NEGATIVE, CondKind.POSITIVE);

        Conditioning old = ControlApplication.apply(positive, control, hint, 0.8);
        UNetDenoiser viaOld = new UNetDenoiser(model, old, negative, m);
        assertSame(old.entries().get(0).controls().get(0), viaOld.negative().entries().get(0).controls().get(0));
        List<Conditioning> adv = ControlApplication.applyAdvanced(positive, negative, control, hint, 0.8, 0, 1);
        NDArray a = viaOld.predict(both, sigma, chunks);
        NDArray b = new UNetDenoiser(model, adv.get(0), adv.get(1), m).predict(both, sigma, chunks);
        assertArrayEquals(b.toFloatArray(), a.toFloatArray());

        NDArray plain = new UNetDenoiser(model, positive, negative, m).predict(both, sigma, chunks);
        assertTrue(TinyControl.maxAbsDiff(plain.get("0:1"), a.get("0:1")) > 1e-4, "the uncond half is controlled");
    }

    @Test
    void aControlNetMadeForAnotherUNetIsRefusedWhenSamplingStarts() {
        UNetConfig wide = new UNetConfig(4, 4, 64, List.of(1, 2), List.of(1, 1), List.of(1, 1), List.of(), 1,
                TinyControl.CONTEXT, false, 0, true, dev.weft.engine.unet.AttentionHeads.SD1);
        ControlNetConfig config = new ControlNetConfig(wide, 3);
        ControlNetModel misfit = new ControlNetModel(new ControlNet(config,
                RandomWeights.create(ParameterShapes.controlNet(config), 8, m)), "sdxl_like.safetensors", false);
        List<Conditioning> adv = ControlApplication.applyAdvanced(positive, negative, misfit, hint, 1, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UNetDenoiser(TinyControl.model(m, 6), adv.get(0), adv.get(1), m));
        assertTrue(e.getMessage().contains("sdxl_like.safetensors"), e.getMessage());
    }
}
