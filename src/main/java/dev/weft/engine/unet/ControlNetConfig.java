package dev.weft.engine.unet;

import dev.weft.engine.tensor.Weights;
import java.util.Map;

/**
 * The architecture of an SD ControlNet (ComfyUI's {@code cldm.ControlNet}): a copy of the UNet's
 * encoder (input blocks and middle block, no output blocks) plus a hint encoder for an image with
 * {@code hintChannels} channels at 8x the latent size.
 *
 * @param encoder      the encoder's architecture ({@link UNetConfig#hasDecoder()} is false)
 * @param hintChannels channels of the hint image (3 for RGB hints)
 */
public record ControlNetConfig(UNetConfig encoder, int hintChannels) {
    public ControlNetConfig {
        if (hintChannels <= 0) {
            throw new IllegalArgumentException("hintChannels must be positive, got " + hintChannels);
        }
    }

    /**
     * Detects the architecture from {@code weights} with keys relative to the ControlNet
     * ({@code input_hint_block.0.weight}, {@code zero_convs.0.0.weight}, ...); see
     * {@link #detect(Map, AttentionHeads)}.
     */
    public static ControlNetConfig detect(Weights weights, AttentionHeads heads) {
        return detect(UNetConfig.shapesOf(weights), heads);
    }

    /**
     * Detects the architecture from key → shape pairs, like ComfyUI's loader: the encoder through
     * {@link UNetConfig#detect(Map, AttentionHeads)}, the hint width from
     * {@code input_hint_block.0.weight}.
     *
     * @throws IllegalArgumentException when the tensors are not an ldm-layout ControlNet
     */
    public static ControlNetConfig detect(Map<String, long[]> shapes, AttentionHeads heads) {
        if (!shapes.containsKey("input_hint_block.0.weight") || !shapes.containsKey("zero_convs.0.0.weight")) {
            throw new IllegalArgumentException("not an ldm-layout ControlNet: no 'input_hint_block.0.weight' / "
                    + "'zero_convs.0.0.weight' (diffusers-layout ControlNets, T2I-Adapters and Control-LoRAs "
                    + "are other formats)");
        }
        UNetConfig encoder = UNetConfig.detect(shapes, heads);
        int hint = (int) UNetConfig.shape(shapes, "input_hint_block.0.weight")[1];
        return new ControlNetConfig(encoder, hint);
    }
}
