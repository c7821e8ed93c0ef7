package dev.weft.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.TensorRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CannyTest {
    private static final int H = 16;
    private static final int W = 16;

    /** A gray image whose columns follow {@code profile} (one value per column), all rows alike. */
    private static Planes columns(float... profile) {
        float[] d = new float[H * W];
        for (int y = 0; y < H; y++) {
            System.arraycopy(profile, 0, d, y * W, W);
        }
        return new Planes(d, 1, 1, H, W);
    }

    /** 0 up to column 7, {@code mid} at column 8, {@code top} from column 9: symmetric about column 8. */
    private static Planes softStep(float mid, float top) {
        float[] p = new float[W];
        p[8] = mid;
        for (int x = 9; x < W; x++) {
            p[x] = top;
        }
        return columns(p);
    }

    private static int count(Planes p) {
        int n = 0;
        for (float v : p.data()) {
            n += v != 0f ? 1 : 0;
        }
        return n;
    }

    @Test
    void verticalStepGivesAOnePixelLineAtTheSteepestColumn() {
        Canny.Result r = Canny.canny(softStep(0.5f, 1f), 0.4, 0.8);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(x == 8 ? 1f : 0f, r.edges().get(0, 0, y, x), "edge at row " + y + " column " + x);
            }
        }
        // By hand: blurred difference b[9] - b[7] = g(-1) + g(0) for the normalised 5-tap Gaussian
        // (sigma 1), times the Sobel weight 4: 4 * (e^-0.5 + 1) / (1 + 2e^-0.5 + 2e^-2) = 2.58729.
        double g = 1 + 2 * Math.exp(-0.5) + 2 * Math.exp(-2);
        double expected = 4 * (Math.exp(-0.5) + 1) / g;
        assertEquals(expected, r.magnitude().get(0, 0, 5, 8), 1e-5);
    }

    @Test
    void horizontalStepGivesAOnePixelRow() {
        float[] d = new float[H * W];
        for (int x = 0; x < W; x++) {
            d[8 * W + x] = 0.5f;
            for (int y = 9; y < H; y++) {
                d[y * W + x] = 1f;
            }
        }
        Planes edges = Canny.canny(new Planes(d, 1, 1, H, W), 0.4, 0.8).edges();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(y == 8 ? 1f : 0f, edges.get(0, 0, y, x), "edge at row " + y + " column " + x);
            }
        }
    }

    @Test
    void thresholdsAreRespected() {
        // Magnitude of the soft step scales with its height: 2.58729 * height.
        double unit = 4 * (Math.exp(-0.5) + 1) / (1 + 2 * Math.exp(-0.5) + 2 * Math.exp(-2));
        // 0.35 high: magnitude 0.906 > high 0.8 -> strong line.
        assertEquals(H, count(Canny.canny(softStep(0.175f, 0.35f), 0.4, 0.8).edges()));
        // Same image with high 0.95 > 0.906: only weak, and weak alone is dropped.
        assertEquals(0, count(Canny.canny(softStep(0.175f, 0.35f), 0.4, 0.95).edges()));
        // 0.25 high: magnitude 0.647 between 0.4 and 0.8 -> weak, dropped; with high 0.6 it is strong.
        assertEquals(0, count(Canny.canny(softStep(0.125f, 0.25f), 0.4, 0.8).edges()));
        assertEquals(H, count(Canny.canny(softStep(0.125f, 0.25f), 0.4, 0.6).edges()));
        // Below low (0.647 < 0.7) nothing, whatever high is.
        assertEquals(0, count(Canny.canny(softStep(0.125f, 0.25f), 0.7, 0.9).edges()));
        assertEquals(0.25 * unit, Canny.canny(softStep(0.125f, 0.25f), 0.4, 0.8).magnitude().get(0, 0, 3, 8), 1e-5);
    }

    @Test
    void hysteresisKeepsWeakPixelsConnectedToStrongOnesAndDropsIsolatedWeakOnes() {
        int h = 5;
        int w = 8;
        float[] e = new float[h * w];
        e[0 * w + 0] = 1f;     // strong seed
        e[1 * w + 1] = 0.5f;   // weak, diagonal to the seed
        e[2 * w + 2] = 0.5f;   // weak, chained
        e[2 * w + 3] = 0.5f;   // weak, chained
        e[4 * w + 6] = 0.5f;   // isolated weak
        e[3 * w + 7] = 0.5f;   // isolated weak pair
        float[] kept = Canny.hysteresis(e, h, w);
        float[] expected = new float[h * w];
        expected[0] = 1f;
        expected[w + 1] = 1f;
        expected[2 * w + 2] = 1f;
        expected[2 * w + 3] = 1f;
        assertArrayEquals(expected, kept, 0f);
    }

    @Test
    void weakEdgeFarFromAnyStrongEdgeIsDroppedEndToEnd() {
        // A strong step at column 4 and a weak one (magnitude ~0.65) at column 12.
        float[] p = new float[W];
        p[4] = 0.5f;
        for (int x = 5; x < W; x++) {
            p[x] = 1f;
        }
        p[12] = 1.125f;
        for (int x = 13; x < W; x++) {
            p[x] = 1.25f;
        }
        Planes edges = Canny.canny(columns(p), 0.4, 0.8).edges();
        for (int y = 0; y < H; y++) {
            assertEquals(1f, edges.get(0, 0, y, 4));
            assertEquals(0f, edges.get(0, 0, y, 12));
        }
        assertEquals(H, count(edges));
    }

    @ParameterizedTest(name = "low {0}, high {1}")
    @CsvSource({"0.4, 0.8", "0.1, 0.2", "0.3, 0.95"})
    void matchesKorniaOnASyntheticPicture(String low, String high) {
        Planes rgb = new Planes(ReferenceData.get("canny_input"), 1, 3, 20, 24);
        Canny.Result r = Canny.canny(rgb, Double.parseDouble(low), Double.parseDouble(high));
        String key = "canny_" + low + "_" + high;
        assertArrayEquals(ReferenceData.get(key + "_edges"), r.edges().data(), 0f);
        assertArrayEquals(ReferenceData.get(key + "_magnitude"), r.magnitude().data(), 1e-5f);
    }

    @Test
    void nodeOutputRepeatsTheEdgesInThreeChannels() {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager()) {
            Planes gray = softStep(0.5f, 1f);
            float[] hwc = new float[H * W * 3];
            for (int i = 0; i < H * W; i++) {
                hwc[3 * i] = gray.data()[i];
                hwc[3 * i + 1] = gray.data()[i];
                hwc[3 * i + 2] = gray.data()[i];
            }
            NDArray image = m.create(hwc, new Shape(1, H, W, 3));
            NDArray out = Canny.detect(image, 0.4, 0.8);
            assertEquals(new Shape(1, H, W, 3), out.getShape());
            float[] v = out.toFloatArray();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(x == 8 ? 1f : 0f, v[(y * W + x) * 3 + c]);
                    }
                }
            }
        }
    }

    @Test
    void invalidThresholdsAreRejectedWithTheInputName() {
        Planes p = softStep(0.5f, 1f);
        assertEquals("low_threshold (0.9) must not exceed high_threshold (0.5)",
                assertThrows(IllegalArgumentException.class, () -> Canny.canny(p, 0.9, 0.5)).getMessage());
        assertEquals("high_threshold must be between 0 and 1 (exclusive), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> Canny.canny(p, 0.5, 1.0)).getMessage());
    }
}
