package dev.weft.engine.sampling.preview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.sampling.LatentFormat;

/**
 * ComfyUI's latent2rgb previewer ({@code latent_preview.Latent2RGBPreviewer}): a per-pixel
 * linear map of batch item 0 of the denoised latent to RGB in [-1, 1], then
 * {@code uint8(clamp((rgb + 1) / 2, 0, 1) * 255)} with truncation. The image has the latent's
 * size (1/8 of the picture); scaling it up is the UI's job.
 *
 * <p>Engine thread only; the result is plain Java data the UI thread may take.
 */
public final class Latent2Rgb {
    private Latent2Rgb() {
    }

    /**
     * @param x0     denoised latent in model space {@code [B, C, H, W]} (what the step listener gets)
     * @param format the model's latent format
     */
    public static PreviewImage preview(NDArray x0, LatentFormat format) {
        Shape shape = x0.getShape();
        if (shape.dimension() != 4 || shape.get(1) != format.channels()) {
            throw new IllegalArgumentException("latent2rgb " + format + " needs a [B, " + format.channels()
                    + ", H, W] latent, got " + shape);
        }
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        try (NDManager m = x0.getManager().newSubManager()) {
            float[][] f = format.rgbFactors();
            float[] flat = new float[f.length * 3];
            for (int c = 0; c < f.length; c++) {
                System.arraycopy(f[c], 0, flat, c * 3, 3);
            }
            NDArray factors = m.create(flat, new Shape(f.length, 3));
            NDArray item = x0.get(0);
            item.attach(m);
            NDArray rgb = item.transpose(1, 2, 0).matMul(factors);
            if (format.rgbBias().isPresent()) {
                rgb = rgb.add(m.create(format.rgbBias().get()));
            }
            NDArray bytes = rgb.add(1f).div(2f).clip(0, 1).mul(255f).toType(DataType.UINT8, false);
            return new PreviewImage(width, height, bytes.toByteArray());
        }
    }
}
