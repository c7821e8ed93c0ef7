package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.OpProfile;
import dev.weft.engine.tensor.Weights;
import java.util.Objects;

/**
 * The Stable Diffusion VAE as ComfyUI's {@code comfy.sd.VAE} runs an AutoencoderKL: decode a LATENT
 * to an IMAGE and encode an IMAGE to a LATENT, with ComfyUI's input and output ranges.
 *
 * <p>Shapes and ranges: a LATENT is [B, embed_dim, h, w] in raw VAE space (unscaled; see
 * {@link dev.weft.engine.sampling.LatentFormat} for the sampler's scaling). An IMAGE is [B, H, W, C] float in 0..1. Decoding
 * returns {@code clamp((x+1)/2, 0, 1)} of the decoder output, H = h·f, W = w·f with
 * f = {@link VaeConfig#spatialFactor()} (8 for SD). Encoding takes the first three channels,
 * centre-crops H and W to multiples of {@link VaeConfig#encodeCropMultiple()}, maps to {@code 2p-1}
 * and returns the posterior mode (the mean).
 *
 * <p>Numerics: fp32 throughout. 3x3 convolutions on activations of 128x128 and more use NNPACK's
 * Winograd algorithm, which differs from the direct convolution ComfyUI runs by about 1e-5 (on a
 * 512x512 decode: max 1.3e-5, 0.025% of SaveImage bytes one level apart); smaller ones, and the
 * golden cases, use oneDNN's direct convolution.
 *
 * <p>Performance: every layer allocates fresh activations of up to 128 MB (512x512x128 floats),
 * which glibc maps from the kernel page by page; starting the JVM with
 * {@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1} lets those mappings use transparent huge pages and
 * cut the decode's CPU time by about a fifth on the benchmark machine.
 *
 * <p>Parameters are looked up in the {@link Weights} on every call, never cached, so a patched
 * weights view takes effect at once. Results belong to the input's NDManager; inputs are not
 * modified. Batch items are processed one at a time to bound memory. Engine thread only.
 */
public final class AutoencoderKL {
    /** Where a single-file checkpoint keeps the VAE. */
    public static final String CHECKPOINT_PREFIX = "first_stage_model.";

    private final Weights weights;
    private final VaeConfig config;
    private final OpProfile profile;
    private final boolean fastConvolutions;

    private AutoencoderKL(Weights weights, VaeConfig config, OpProfile profile, boolean fastConvolutions) {
        this.weights = weights;
        this.config = config;
        this.profile = profile;
        this.fastConvolutions = fastConvolutions;
    }

    private AutoencoderKL(Weights weights, VaeConfig config) {
        this(weights, config, OpProfile.OFF, true);
    }

    /**
     * The VAE inside a single-file checkpoint (keys under {@code first_stage_model.}).
     *
     * @throws VaeFormatException if the checkpoint has no usable VAE, naming what is missing
     */
    public static AutoencoderKL fromCheckpoint(Weights checkpoint) {
        Weights w = checkpoint.prefixed(CHECKPOINT_PREFIX);
        if (w.keys().isEmpty()) {
            throw new VaeFormatException("the checkpoint has no VAE weights (nothing under '" + CHECKPOINT_PREFIX
                    + "'); load a VAE file with a VAELoader node instead");
        }
        return new AutoencoderKL(w, VaeConfig.fromWeights(w));
    }

    /**
     * A VAE from a standalone file ({@code models/vae}): keys without prefix, or with
     * {@code first_stage_model.} as some exports keep it.
     */
    public static AutoencoderKL fromVaeFile(Weights file) {
        Weights w = file.has(CHECKPOINT_PREFIX + "decoder.conv_in.weight")
                || file.has(CHECKPOINT_PREFIX + "encoder.conv_in.weight") ? file.prefixed(CHECKPOINT_PREFIX) : file;
        return new AutoencoderKL(w, VaeConfig.fromWeights(w));
    }

    /** The architecture read from the weights. */
    public VaeConfig config() {
        return config;
    }

    /** The same model recording its operations into {@code p} (benchmarks). */
    public AutoencoderKL withProfile(OpProfile p) {
        return new AutoencoderKL(weights, config, p, fastConvolutions);
    }

    /**
     * The same model computing every convolution directly, as ComfyUI does, instead of by the
     * faster transforms large activations otherwise take (see the class comment): slower, for
     * checking the fast path's numbers.
     */
    public AutoencoderKL withDirectConvolutions() {
        return new AutoencoderKL(weights, config, profile, false);
    }

    private VaeOps ops() {
        return new VaeOps(profile, fastConvolutions);
    }

    /**
     * Decodes a LATENT to an IMAGE.
     *
     * @param latent [B, embed_dim, h, w], unscaled VAE latent
     * @return IMAGE [B, h·f, w·f, out_ch] in 0..1
     */
    public NDArray decode(NDArray latent) {
        requireDecoder();
        checkLatent(latent);
        VaeOps ops = ops();
        return perItem(latent, item -> toImage(VaeDecoder.forward(item, weights, config, ops)));
    }

    /**
     * Encodes an IMAGE to a LATENT.
     *
     * @param image IMAGE [B, H, W, C] in 0..1, C ≥ 3 (channels after the third are ignored)
     * @return LATENT [B, embed_dim, H'/f, W'/f] where H', W' are H, W cropped to the crop multiple
     */
    public NDArray encode(NDArray image) {
        requireEncoder();
        VaeOps ops = ops();
        try (NDArray pixels = encoderInput(image)) {
            return perItem(pixels, item -> VaeEncoder.forward(item, weights, config, ops));
        }
    }

    /**
     * Decodes in overlapping tiles as ComfyUI's {@code VAE.decode_tiled} does for images: three
     * tilings (tileX/2 × tileY·2, tileX·2 × tileY/2, tileX × tileY, sizes in latent cells) each
     * blended with a feathered overlap, averaged, then mapped to 0..1. The VAEDecodeTiled node
     * passes {@code tile_size / 8} and {@code overlap / 8} (overlap limited to tile_size/4).
     * Results differ slightly from {@link #decode} because GroupNorm and attention see one tile at a
     * time, exactly as in ComfyUI. Unlike ComfyUI, Weft never switches to tiling by itself (ComfyUI
     * does after an out-of-memory error); the blend is accumulated in float32 in the same order.
     *
     * @param latent  [B, embed_dim, h, w]
     * @param tileX   tile width in latent cells (ComfyUI default 64)
     * @param tileY   tile height in latent cells (default 64)
     * @param overlap overlap in latent cells (default 16)
     * @return IMAGE [B, h·f, w·f, out_ch]
     */
    public NDArray decodeTiled(NDArray latent, int tileX, int tileY, int overlap) {
        requireDecoder();
        checkLatent(latent);
        VaeOps ops = ops();
        int f = config.spatialFactor();
        int outCh = config.imageChannels();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray sum = VaeTiler.tiledScale(latent, t -> VaeDecoder.forward(t, weights, config, ops),
                    tileY * 2, tileX / 2, overlap, f, outCh);
            sum.addi(VaeTiler.tiledScale(latent, t -> VaeDecoder.forward(t, weights, config, ops),
                    tileY / 2, tileX * 2, overlap, f, outCh));
            sum.addi(VaeTiler.tiledScale(latent, t -> VaeDecoder.forward(t, weights, config, ops),
                    tileY, tileX, overlap, f, outCh));
            sum.divi(3.0f);
            NDArray image = toImage(sum);
            NDScope.unregister(image);
            return image;
        }
    }

    /**
     * Encodes in overlapping tiles as ComfyUI's {@code VAE.encode_tiled} does for images: three
     * tilings (tileX × tileY, tileX·2 × tileY/2, tileX/2 × tileY·2, in pixels, after the same crop
     * as {@link #encode}) blended and averaged. ComfyUI's defaults are 512, 512, 64.
     *
     * @return LATENT [B, embed_dim, H'/f, W'/f]
     */
    public NDArray encodeTiled(NDArray image, int tileX, int tileY, int overlap) {
        requireEncoder();
        VaeOps ops = ops();
        double scale = 1.0 / config.spatialFactor();
        int e = config.embedDim();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray pixels = encoderInput(image);
            NDArray sum = VaeTiler.tiledScale(pixels, t -> VaeEncoder.forward(t, weights, config, ops),
                    tileY, tileX, overlap, scale, e);
            sum.addi(VaeTiler.tiledScale(pixels, t -> VaeEncoder.forward(t, weights, config, ops),
                    tileY / 2, tileX * 2, overlap, scale, e));
            sum.addi(VaeTiler.tiledScale(pixels, t -> VaeEncoder.forward(t, weights, config, ops),
                    tileY * 2, tileX / 2, overlap, scale, e));
            sum.divi(3.0f);
            NDScope.unregister(sum);
            return sum;
        }
    }

    /** RGB of an IMAGE, centre-cropped, channels first, mapped to -1..1: [B, 3, H', W']. */
    private NDArray encoderInput(NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("VAE encode expects an IMAGE [B, H, W, C], got shape " + s);
        }
        int channels = config.imageChannels();
        if (s.get(3) < channels) {
            throw new IllegalArgumentException("VAE encode needs " + channels + " colour channels, the image has "
                    + s.get(3) + " (convert it to RGB first)");
        }
        int m = config.encodeCropMultiple();
        long h = s.get(1);
        long w = s.get(2);
        long ch = h / m * m;
        long cw = w / m * m;
        if (ch == 0 || cw == 0) {
            throw new IllegalArgumentException("the image is " + w + "x" + h + " pixels; VAE encode needs at least "
                    + m + "x" + m);
        }
        long oy = h % m / 2;
        long ox = w % m / 2;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = image.get(":, {}:{}, {}:{}, 0:{}", oy, oy + ch, ox, ox + cw, channels).transpose(0, 3, 1, 2);
            NDArray out = x.mul(2.0f).sub(1.0f);
            NDScope.unregister(out);
            return out;
        }
    }

    /** ComfyUI's process_output and movedim: [B, C, H, W] decoder output to IMAGE [B, H, W, C]. */
    private static NDArray toImage(NDArray decoded) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = decoded.add(1.0f).div(2.0f).clip(0.0f, 1.0f).transpose(0, 2, 3, 1).duplicate();
            decoded.close();
            NDScope.unregister(x);
            return x;
        }
    }

    private interface ItemFunction {
        NDArray apply(NDArray item);
    }

    /** Runs {@code fn} on each batch item [1, ...] and concatenates the results along the batch axis. */
    private static NDArray perItem(NDArray batch, ItemFunction fn) {
        long b = batch.getShape().get(0);
        if (b == 1) {
            NDArray out = fn.apply(batch);
            out.attach(batch.getManager());
            return out;
        }
        NDList parts = new NDList();
        try {
            for (long i = 0; i < b; i++) {
                try (NDArray item = batch.get("{}:{}", i, i + 1)) {
                    parts.add(fn.apply(item));
                }
            }
            NDArray out = NDArrays.concat(parts, 0);
            out.attach(batch.getManager());
            return out;
        } finally {
            parts.close();
        }
    }

    private void checkLatent(NDArray latent) {
        Objects.requireNonNull(latent, "latent");
        Shape s = latent.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("VAE decode expects a LATENT [B, C, h, w], got shape " + s);
        }
        int expected = config.hasQuantConvs() ? config.embedDim() : config.zChannels();
        if (s.get(1) != expected) {
            throw new IllegalArgumentException("the latent has " + s.get(1) + " channels but this VAE decodes "
                    + expected + " (a latent from another model family?)");
        }
    }

    private void requireDecoder() {
        if (!config.hasDecoder()) {
            throw new VaeFormatException("this VAE file has no decoder weights (decoder.*), so it cannot decode");
        }
    }

    private void requireEncoder() {
        if (!config.hasEncoder()) {
            throw new VaeFormatException("this VAE file has no encoder weights (encoder.*), so it cannot encode");
        }
    }
}
