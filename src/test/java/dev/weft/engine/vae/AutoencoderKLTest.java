package dev.weft.engine.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour around the network: batching, channel and crop rules, tiling, refusals. Uses the golden f8 VAE. */
class AutoencoderKLTest {
    private NDManager m;
    private WeightMap weights;
    private AutoencoderKL vae;

    @BeforeEach
    void setUp() throws Exception {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
        try (SafetensorsFile f = SafetensorsFile.open(GoldenFiles.dir("vae_tiny").resolve("f8/weights.safetensors"))) {
            weights = WeightMap.load(f, m);
        }
        vae = AutoencoderKL.fromCheckpoint(weights);
        JniUtils.setSeed(3);
    }

    @AfterEach
    void tearDown() {
        weights.close();
        m.close();
    }

    @Test
    void batchItemsAreIndependent() {
        NDArray images = m.randomUniform(0f, 1f, new Shape(2, 24, 32, 3));
        NDArray both = vae.encode(images);
        NDArray first = vae.encode(images.get("0:1"));
        NDArray second = vae.encode(images.get("1:2"));
        assertEquals(new Shape(2, 4, 3, 4), both.getShape());
        assertArrayEquals(NDArrays.concat(new NDList(first, second), 0).toFloatArray(), both.toFloatArray(), 0f);
        NDArray decoded = vae.decode(both);
        assertEquals(new Shape(2, 24, 32, 3), decoded.getShape());
        assertArrayEquals(vae.decode(second).toFloatArray(), decoded.get("1:2").toFloatArray(), 0f);
    }

    @Test
    void encodeUsesRgbOnlyAndCropsTheCentreToMultiplesOfEight() {
        NDArray rgba = m.randomUniform(0f, 1f, new Shape(1, 21, 30, 4));
        NDArray latent = vae.encode(rgba);
        // 21 -> 16 rows from row (21 % 8) / 2 = 2; 30 -> 24 columns from column (30 % 8) / 2 = 3.
        assertEquals(new Shape(1, 4, 2, 3), latent.getShape());
        NDArray cropped = rgba.get(":, 2:18, 3:27, 0:3");
        assertArrayEquals(vae.encode(cropped).toFloatArray(), latent.toFloatArray(), 0f);
    }

    @Test
    void decodedPixelsAreClampedToTheUnitRange() {
        NDArray img = vae.decode(m.randomNormal(0f, 30f, new Shape(1, 4, 3, 3), ai.djl.ndarray.types.DataType.FLOAT32));
        assertTrue(img.min().getFloat() >= 0f && img.max().getFloat() <= 1f);
    }

    @Test
    void tiledDecodeWithTilesCoveringTheLatentEqualsPlainDecode() {
        NDArray latent = m.randomNormal(new Shape(1, 4, 5, 7));
        NDArray plain = vae.decode(latent);
        NDArray tiled = vae.decodeTiled(latent, 64, 64, 16);
        assertArrayEquals(plain.toFloatArray(), tiled.toFloatArray(), 1e-6f);
    }

    @Test
    void tiledDecodeWithSmallTilesBlendsToTheFullSize() {
        NDArray latent = m.randomNormal(new Shape(1, 4, 10, 12));
        NDArray tiled = vae.decodeTiled(latent, 12, 12, 2);
        assertEquals(new Shape(1, 80, 96, 3), tiled.getShape());
        NDArray plain = vae.decode(latent);
        // GroupNorm and attention see one tile at a time, so the tiled result only approximates.
        double meanDiff = tiled.sub(plain).abs().mean().getFloat();
        assertTrue(meanDiff < 0.1, "mean difference " + meanDiff);
    }

    @Test
    void tiledEncodeWithTilesCoveringTheImageEqualsPlainEncode() {
        NDArray image = m.randomUniform(0f, 1f, new Shape(1, 40, 56, 3));
        NDArray tiled = vae.encodeTiled(image, 128, 128, 16);
        assertArrayEquals(vae.encode(image).toFloatArray(), tiled.toFloatArray(), 1e-6f);
        NDArray small = vae.encodeTiled(image, 32, 32, 8);
        assertEquals(new Shape(1, 4, 5, 7), small.getShape());
    }

    @Test
    void tilerBlendOfAPointwiseFunctionIsExact() {
        // Nearest 2x is local, so every tile agrees on the overlap and the feathered blend must
        // reproduce the untiled result.
        NDArray x = m.randomNormal(new Shape(2, 3, 13, 17));
        NDArray whole = x.repeat(2, 2).repeat(3, 2);
        NDArray tiled = VaeTiler.tiledScale(x, t -> t.repeat(2, 2).repeat(3, 2), 6, 5, 2, 2.0, 3);
        assertArrayEquals(whole.toFloatArray(), tiled.toFloatArray(), 1e-6f);
    }

    @Test
    void featherWeightsRampOverTheOverlap() {
        float[] mask = VaeTiler.featherMask(1, 6, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1f, 1f, 1f, 0.5f}, mask, 0f);
        assertArrayEquals(new int[] {0, 4, 8}, VaeTiler.origins(13, 6, 2));
    }

    @Test
    void decoderOnlyFilesCannotEncodeAndForeignLatentsAreRefused() {
        try (WeightMap dec = WeightMap.create(m)) {
            for (String k : weights.keys()) {
                if (!k.contains(".encoder.") && !k.contains(".quant_conv.")) {
                    dec.put(k, weights.get(k).duplicate());
                }
            }
            AutoencoderKL decoderOnly = AutoencoderKL.fromCheckpoint(dec);
            VaeFormatException e = assertThrows(VaeFormatException.class,
                    () -> decoderOnly.encode(m.zeros(new Shape(1, 8, 8, 3))));
            assertEquals("this VAE file has no encoder weights (encoder.*), so it cannot encode", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vae.decode(m.zeros(new Shape(1, 16, 8, 8))));
        assertEquals("the latent has 16 channels but this VAE decodes 4 (a latent from another model family?)",
                e.getMessage());
    }
}
