package dev.weft.engine.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.sampling.LatentFormat;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.Parameterization;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.unet.ControlNet;
import dev.weft.engine.unet.ControlNetConfig;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;

/** Tiny random SD 1.x models built in memory for the ControlNet tests (context width 32). */
final class TinyControl {
    static final int CONTEXT = 32;

    private TinyControl() {
    }

    /** A tiny UNet behind SD 1.x's EPS schedule; weights owned by {@code m}. */
    static DiffusionModel model(NDManager m, long seed) {
        UNetConfig config = SyntheticCheckpoint.tinyUnet(CONTEXT);
        UNet unet = new UNet(config, RandomWeights.create(ParameterShapes.unet(config), seed, m));
        return new DiffusionModel(unet, ModelSampling.sd(Parameterization.EPS), LatentFormat.SD15,
                GuidanceOptions.DEFAULT);
    }

    /** A tiny ControlNet matching {@link #model}; weights owned by {@code m}. */
    static ControlNetModel controlNet(NDManager m, long seed, String name) {
        ControlNetConfig config = SyntheticCheckpoint.tinyControlNet(CONTEXT);
        ControlNet net = new ControlNet(config, RandomWeights.create(ParameterShapes.controlNet(config), seed, m));
        return new ControlNetModel(net, name, ControlNetLoader.usesGlobalAveragePooling(name));
    }

    /** Seeded N(0, 1) values of {@code shape}. */
    static NDArray normal(NDManager m, long seed, long... shape) {
        JniUtils.setSeed(seed);
        return m.randomNormal(new Shape(shape));
    }

    /** Seeded U(0, 1) values of {@code shape} (a hint image, channels first). */
    static NDArray uniform(NDManager m, long seed, long... shape) {
        JniUtils.setSeed(seed);
        return m.randomUniform(0f, 1f, new Shape(shape));
    }

    /** A one-entry conditioning with a random context [1, 77, CONTEXT]. */
    static Conditioning text(NDManager m, long seed) {
        return Conditioning.of(new CondEntry(normal(m, seed, 1, 77, CONTEXT), null));
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
