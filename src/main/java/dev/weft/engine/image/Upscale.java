package dev.weft.engine.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ComfyUI's {@code comfy.utils.common_upscale} and the size rules of the LatentUpscale and
 * ImageScale nodes.
 *
 * <p>{@code common_upscale(samples, width, height, method, crop)}: with crop "center" the input is
 * first cut symmetrically to the target aspect ratio (the cut per side is
 * {@code round((old - old·ratio) / 2)}, Python rounding), then resized to exactly width x height
 * with the method. The NDArray methods copy to Java memory, compute there and return a new array
 * on the input's manager (engine thread); the {@link Planes} methods are pure.
 */
public final class Upscale {
    /** LatentUpscale never goes below this many pixels per side. */
    public static final int LATENT_MIN_PIXELS = 64;

    private Upscale() {
    }

    /**
     * {@code common_upscale} on [N, C, H, W] values.
     *
     * @param width  target width (≥ 1)
     * @param height target height (≥ 1)
     */
    public static Planes commonUpscale(Planes samples, int width, int height, UpscaleMethod method, CropMode crop) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("upscale target must be at least 1x1, got " + width + "x" + height);
        }
        Planes s = crop == CropMode.CENTER ? centerCrop(samples, width, height) : samples;
        return switch (method) {
            case NEAREST_EXACT -> TorchInterpolate.nearestExact(s, height, width);
            case BILINEAR -> TorchInterpolate.bilinear(s, height, width);
            case AREA -> TorchInterpolate.area(s, height, width);
            case BICUBIC -> TorchInterpolate.bicubic(s, height, width);
            case BISLERP -> Bislerp.resize(s, height, width);
            case LANCZOS -> lanczos(s, height, width);
        };
    }

    /** {@code common_upscale} on an NDArray [N, C, H, W] (a LATENT's samples, or channels-first pixels). */
    public static NDArray commonUpscale(NDArray samples, int width, int height, UpscaleMethod method, CropMode crop) {
        return commonUpscale(Planes.of(samples), width, height, method, crop).toNDArray(samples.getManager());
    }

    /**
     * The ImageScale node: IMAGE [B, H, W, C] to [B, height, width, C]. A width or height of 0 keeps
     * the aspect ratio ({@code max(1, round(...))}); both 0 returns the input unchanged (same array).
     */
    public static NDArray imageScale(NDArray image, UpscaleMethod method, int width, int height, CropMode crop) {
        Shape s = ImageTensors.requireImage(image);
        if (width == 0 && height == 0) {
            return image;
        }
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        if (width == 0) {
            width = Math.max(1, roundHalfEven((double) w * height / h));
        } else if (height == 0) {
            height = Math.max(1, roundHalfEven((double) h * width / w));
        }
        NDManager m = image.getManager();
        Planes chw;
        try (NDArray t = image.transpose(0, 3, 1, 2)) {
            chw = Planes.of(t);
        }
        Planes out = commonUpscale(chw, width, height, method, crop);
        try (NDArray nchw = out.toNDArray(m)) {
            return nchw.transpose(0, 2, 3, 1).duplicate();
        }
    }

    /**
     * The LatentUpscale node: the LATENT's samples [B, C, h, w] to the size width/8 x height/8, where
     * sizes below {@value #LATENT_MIN_PIXELS} pixels are raised to it and a 0 keeps the aspect
     * ratio. Both 0 returns the input unchanged (same array).
     */
    public static NDArray latentUpscale(NDArray samples, UpscaleMethod method, int width, int height, CropMode crop) {
        if (width == 0 && height == 0) {
            return samples;
        }
        int[] px = latentUpscalePixels((int) samples.getShape().get(3), (int) samples.getShape().get(2), width, height);
        return commonUpscale(samples, px[0] / 8, px[1] / 8, method, crop);
    }

    /**
     * LatentUpscale's size rule: the target in pixels {width, height} for a latent of the given size
     * (in latent cells). Not defined for width = height = 0 (the node passes the latent through).
     */
    public static int[] latentUpscalePixels(int latentWidth, int latentHeight, int width, int height) {
        if (width == 0) {
            height = Math.max(LATENT_MIN_PIXELS, height);
            width = Math.max(LATENT_MIN_PIXELS, roundHalfEven((double) latentWidth * height / latentHeight));
        } else if (height == 0) {
            width = Math.max(LATENT_MIN_PIXELS, width);
            height = Math.max(LATENT_MIN_PIXELS, roundHalfEven((double) latentHeight * width / latentWidth));
        } else {
            width = Math.max(LATENT_MIN_PIXELS, width);
            height = Math.max(LATENT_MIN_PIXELS, height);
        }
        return new int[] {width, height};
    }

    /** The centre window common_upscale keeps for crop "center": {x, y, width, height} of the input. */
    public static int[] centerCropWindow(int oldWidth, int oldHeight, int width, int height) {
        double oldAspect = (double) oldWidth / oldHeight;
        double newAspect = (double) width / height;
        int x = 0;
        int y = 0;
        if (oldAspect > newAspect) {
            x = roundHalfEven((oldWidth - oldWidth * (newAspect / oldAspect)) / 2);
        } else if (oldAspect < newAspect) {
            y = roundHalfEven((oldHeight - oldHeight * (oldAspect / newAspect)) / 2);
        }
        return new int[] {x, y, oldWidth - 2 * x, oldHeight - 2 * y};
    }

    private static Planes centerCrop(Planes s, int width, int height) {
        int[] win = centerCropWindow(s.w(), s.h(), width, height);
        if (win[0] == 0 && win[1] == 0) {
            return s;
        }
        return s.crop(win[1], win[0], win[3], win[2]);
    }

    /** ComfyUI's lanczos: each item to 8 bits ({@code uint8(clip(255·p))}), PIL resize, back to /255. */
    private static Planes lanczos(Planes s, int oh, int ow) {
        int c = s.c();
        Planes out = Planes.zeros(s.n(), c, oh, ow);
        for (int n = 0; n < s.n(); n++) {
            byte[] hwc = new byte[s.h() * s.w() * c];
            for (int ch = 0; ch < c; ch++) {
                int base = s.plane(n, ch);
                for (int p = 0; p < s.h() * s.w(); p++) {
                    hwc[p * c + ch] = (byte) ImageTensors.toByteLevel(s.data()[base + p]);
                }
            }
            byte[] r = PillowLanczos.resize(hwc, s.h(), s.w(), c, oh, ow);
            for (int ch = 0; ch < c; ch++) {
                int base = out.plane(n, ch);
                for (int p = 0; p < oh * ow; p++) {
                    out.data()[base + p] = (r[p * c + ch] & 0xff) / 255f;
                }
            }
        }
        return out;
    }

    /** Python 3's {@code round} (half to even) for the non-negative values these rules produce. */
    static int roundHalfEven(double v) {
        return (int) Math.rint(v);
    }
}
