package dev.weft.engine.unet;

/**
 * How a UNet splits a transformer's channels into attention heads. Weight shapes do not tell:
 * ComfyUI takes this from the model family (its {@code supported_models} entry), so Weft takes it
 * as an explicit parameter with the families' values as constants.
 *
 * <p>Exactly one of the two fields is positive: either a fixed number of heads at every
 * resolution ({@code num_heads}, SD 1.x: 8) or a fixed width per head ({@code num_head_channels},
 * SD 2.x and SDXL: 64), matching the UNet constructor's {@code num_heads} /
 * {@code num_head_channels} pair with -1 meaning "unset".
 *
 * @param heads        heads per transformer, or -1
 * @param headChannels channels per head, or -1
 */
public record AttentionHeads(int heads, int headChannels) {
    /** SD 1.x: {@code num_heads 8}. */
    public static final AttentionHeads SD1 = count(8);
    /** SD 2.x and SDXL: {@code num_head_channels 64}. */
    public static final AttentionHeads SD2_SDXL = width(64);

    public AttentionHeads {
        if ((heads > 0) == (headChannels > 0)) {
            throw new IllegalArgumentException("give either a head count or a head width, not both or neither (heads "
                    + heads + ", headChannels " + headChannels + ")");
        }
    }

    /** A fixed number of heads, whatever the width. */
    public static AttentionHeads count(int heads) {
        return new AttentionHeads(heads, -1);
    }

    /** A fixed width per head; the count grows with the channels. */
    public static AttentionHeads width(int headChannels) {
        return new AttentionHeads(-1, headChannels);
    }

    /**
     * ComfyUI's family value for a UNet with these detected traits: SD 1.x (convolutional
     * transformer projections, no ADM input) uses 8 heads; SD 2.x, SDXL and the SDXL refiner
     * (linear projections or an ADM input) use 64-channel heads. Checkpoints outside these
     * families (the tiny golden models) must pass their own value.
     */
    public static AttentionHeads familyDefault(boolean useLinearInTransformer, int admInChannels) {
        return useLinearInTransformer || admInChannels > 0 ? SD2_SDXL : SD1;
    }

    /** Reads the constructor pair {@code num_heads}, {@code num_head_channels} (-1 = unset). */
    public static AttentionHeads fromComfy(int numHeads, int numHeadChannels) {
        return numHeadChannels > 0 ? width(numHeadChannels) : count(numHeads);
    }

    /** The number of heads for a transformer of {@code channels} channels. */
    public int headsFor(int channels) {
        if (heads > 0) {
            if (channels % heads != 0) {
                throw new IllegalArgumentException(channels + " channels do not split into " + heads + " heads");
            }
            return heads;
        }
        if (channels % headChannels != 0) {
            throw new IllegalArgumentException(channels + " channels do not split into heads of " + headChannels);
        }
        return channels / headChannels;
    }
}
