package dev.weft.engine.models;

/** How an SD ControlNet file names its tensors; {@link ControlNetInspector} tells them apart. */
enum ControlNetLayout {
    /**
     * The original (ldm) layout inside its training wrapper: {@code control_model.zero_convs.0.0.weight},
     * ... Tensors outside the prefix (the rest of a ControlNet 1.0 training checkpoint) are ignored,
     * as ComfyUI ignores them.
     */
    LDM_PREFIXED("control_model."),
    /** The ldm layout without prefix ({@code zero_convs.0.0.weight}; ControlNet 1.1 files). */
    LDM(""),
    /**
     * The diffusers layout ({@code controlnet_cond_embedding.*}, {@code controlnet_down_blocks.N},
     * {@code controlnet_mid_block}, {@code down_blocks...}), renamed to the ldm layout on load by
     * {@link DiffusersControlNetNames}.
     */
    DIFFUSERS("");

    private final String prefix;

    ControlNetLayout(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix in front of the ldm names ({@code ""} for none). */
    String prefix() {
        return prefix;
    }
}
