package dev.weft.engine.lora;

/**
 * The weight one LoRA layer patches.
 *
 * @param part which model of the checkpoint holds it
 * @param key  the weight's key relative to that model's {@link dev.weft.engine.tensor.Weights}:
 *             {@code input_blocks.1.1.proj_in.weight} for the UNet,
 *             {@code encoder.layers.0.self_attn.q_proj.weight} for the text encoder
 */
public record LoraTarget(Part part, String key) {
    /** The two models a LoRA for SD 1.x patches. */
    public enum Part {
        UNET("model"),
        CLIP("text encoder");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        /** How users call it ("model", "text encoder"). */
        public String label() {
            return label;
        }
    }
}
