package dev.weft.engine.models;

import dev.weft.engine.unet.ControlNet;
import java.util.Objects;

/**
 * The CONTROL_NET socket value: a loaded SD ControlNet and how ComfyUI's wrapper treats its
 * residuals. Immutable; the weights belong to the {@link SharedModel} the loader node owns.
 *
 * @param net                  the network (pixel hints at 8x the latent size)
 * @param name                 the file name, for messages
 * @param globalAveragePooling replace every residual by its spatial mean before the strength is
 *                             applied (ComfyUI enables it for files whose name ends in
 *                             {@code _shuffle} or {@code _shuffle_fp16}, the content-shuffle model)
 */
public record ControlNetModel(ControlNet net, String name, boolean globalAveragePooling) {
    public ControlNetModel {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(name, "name");
    }

    /** Width of the text context the ControlNet's cross-attention reads (768 for SD 1.x). */
    public int contextDim() {
        return net.config().encoder().contextDim();
    }

    /** Channels of the hint image it expects (3 for RGB hints). */
    public int hintChannels() {
        return net.config().hintChannels();
    }
}
