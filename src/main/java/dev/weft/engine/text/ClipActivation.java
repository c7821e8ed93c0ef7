package dev.weft.engine.text;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Locale;

/** The MLP activation of a CLIP text model ({@code hidden_act} in its config). */
public enum ClipActivation {
    /** {@code x · sigmoid(1.702 x)}: OpenAI CLIP, so SD 1.x's ViT-L/14. */
    QUICK_GELU,
    /** Exact (erf) GELU: OpenCLIP models. */
    GELU;

    /** Applies the activation element-wise; the result belongs to {@code x}'s manager. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case QUICK_GELU -> x.mul(Activation.sigmoid(x.mul(1.702f)));
            case GELU -> x.mul(x.mul((float) (1 / Math.sqrt(2))).erf().add(1f)).mul(0.5f);
        };
    }

    /**
     * Parses a Hugging Face {@code hidden_act} name.
     *
     * @throws IllegalArgumentException naming the value and the supported ones
     */
    public static ClipActivation fromConfig(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick_gelu" -> QUICK_GELU;
            case "gelu" -> GELU;
            default -> throw new IllegalArgumentException("CLIP hidden_act '" + name
                    + "' is not supported (quick_gelu, gelu)");
        };
    }
}
