package dev.weft.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UpscaleTest {
    private static final Planes X = ReferenceData.ramp(1, 2, 5, 7, 37, 101, 0.3);

    @ParameterizedTest(name = "{0} to {1}x{2}")
    @CsvSource({
        "nearest-exact, 9, 13", "nearest-exact, 3, 4", "nearest-exact, 5, 7",
        "bilinear, 9, 13", "bilinear, 3, 4", "bilinear, 5, 7",
        "bicubic, 9, 13", "bicubic, 3, 4", "bicubic, 5, 7",
        "area, 9, 13", "area, 3, 4", "area, 5, 7"})
    void torchInterpolateModesMatchPyTorch(String method, int h, int w) {
        Planes out = Upscale.commonUpscale(X, w, h, UpscaleMethod.fromComfyName(method), CropMode.DISABLED);
        assertEquals(h, out.h());
        assertEquals(w, out.w());
        assertArrayEquals(ReferenceData.get(method + "_" + h + "x" + w), out.data(), 1e-6f);
    }

    @ParameterizedTest(name = "bislerp to {0}x{1}")
    @CsvSource({"9, 13", "3, 4"})
    void bislerpMatchesComfyUI(int h, int w) {
        Planes lat = ReferenceData.ramp(1, 4, 5, 7, 53, 97, 0.5);
        for (int c = 0; c < 4; c++) {
            lat.data()[lat.plane(0, c) + 2 * 7 + 3] = 0f;
        }
        Planes out = Upscale.commonUpscale(lat, w, h, UpscaleMethod.BISLERP, CropMode.DISABLED);
        assertArrayEquals(ReferenceData.get("bislerp_" + h + "x" + w), out.data(), 2e-6f);
    }

    @ParameterizedTest(name = "lanczos RGB to {0}x{1}")
    @CsvSource({"11, 15", "4, 5", "6, 4"})
    void lanczosMatchesPillowExactly(int h, int w) {
        Planes img = ReferenceData.clamp01(ReferenceData.ramp(1, 3, 6, 9, 71, 103, 0.0));
        Planes out = Upscale.commonUpscale(img, w, h, UpscaleMethod.LANCZOS, CropMode.DISABLED);
        assertArrayEquals(ReferenceData.get("lanczos_" + h + "x" + w), out.data(), 0f);
    }

    @Test
    void lanczosOnRgbaResamplesPremultipliedLikePillow() {
        Planes img = ReferenceData.clamp01(ReferenceData.ramp(1, 4, 6, 9, 29, 89, 0.0));
        Planes out = Upscale.commonUpscale(img, 5, 4, UpscaleMethod.LANCZOS, CropMode.DISABLED);
        assertArrayEquals(ReferenceData.get("lanczos_rgba_4x5"), out.data(), 0f);
    }

    @Test
    void centerCropCutsTheWideSidesBeforeResizing() {
        Planes wide = ReferenceData.ramp(1, 1, 6, 10, 37, 101, 0.3);
        assertArrayEquals(new int[] {2, 0, 6, 6}, Upscale.centerCropWindow(10, 6, 4, 4));
        Planes out = Upscale.commonUpscale(wide, 4, 4, UpscaleMethod.BILINEAR, CropMode.CENTER);
        assertArrayEquals(ReferenceData.get("crop_center_bilinear_4x4"), out.data(), 1e-6f);
        Planes tall = ReferenceData.ramp(1, 1, 10, 6, 37, 101, 0.3);
        out = Upscale.commonUpscale(tall, 5, 3, UpscaleMethod.NEAREST_EXACT, CropMode.CENTER);
        assertArrayEquals(ReferenceData.get("crop_center_nearest_3x5"), out.data(), 0f);
    }

    @Test
    void nearestExactPicksTheSourcePixelUnderEachOutputCentre() {
        // 4 -> 6: centres (i + 0.5) * 4/6 = 0.33, 1.0, 1.67, 2.33, 3.0, 3.67 -> 0, 1, 1, 2, 3, 3
        assertArrayEquals(new int[] {0, 1, 1, 2, 3, 3}, TorchInterpolate.nearestExactIndices(4, 6));
    }

    @Test
    void latentUpscaleKeepsAspectForZeroAndNeverGoesBelow64Pixels() {
        // a 96x64 latent (768x512 pixels): width 0 keeps 3:2, height 1024 -> 1536 wide
        assertArrayEquals(new int[] {1536, 1024}, Upscale.latentUpscalePixels(96, 64, 0, 1024));
        assertArrayEquals(new int[] {64, 64}, Upscale.latentUpscalePixels(96, 64, 16, 8));
        // height 0 from width 40: raised to 64 first, then 64 * 64/96 = 42.67 -> 43 -> raised to 64
        assertArrayEquals(new int[] {64, 64}, Upscale.latentUpscalePixels(96, 64, 40, 0));
        assertArrayEquals(new int[] {300, 200}, Upscale.latentUpscalePixels(96, 64, 300, 0));
    }

    @Test
    void roundingOfAspectSizesIsPythonsHalfToEven() {
        // 5 * 3 / 2 = 7.5 rounds to 8 (even), 3 * 3 / 2 = 4.5 rounds to 4
        assertEquals(8, Upscale.roundHalfEven(7.5));
        assertEquals(4, Upscale.roundHalfEven(4.5));
    }

    @Test
    void unknownMethodNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpscaleMethod.fromComfyName("nearest"));
        assertEquals("unknown upscale_method 'nearest' (choose one of nearest-exact, bilinear, area, bicubic, "
                + "bislerp, lanczos)", e.getMessage());
    }
}
