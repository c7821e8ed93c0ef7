package dev.weft.engine.models;

/**
 * What a weights file holds, as far as its keys and a few shapes tell. Only {@link #SD1} loads as
 * a checkpoint today; every other kind is recognised so the loader can say what the file is.
 */
public enum ModelKind {
    SD1("Stable Diffusion 1.x", true),
    SD1_INPAINT("Stable Diffusion 1.x inpainting", true),
    SD2("Stable Diffusion 2.x", false),
    SDXL("Stable Diffusion XL", false),
    SDXL_REFINER("Stable Diffusion XL refiner", false),
    SD3("Stable Diffusion 3", false),
    FLUX("Flux", false),
    STABLE_CASCADE("Stable Cascade", false),
    SVD("Stable Video Diffusion", false),
    UNET_ONLY("diffusion model without text encoder or VAE", false),
    LORA("LoRA", false),
    CONTROLNET("ControlNet", false),
    T2I_ADAPTER("T2I-Adapter", false),
    VAE("VAE", false),
    TEXT_ENCODER("text encoder", false),
    EMBEDDING("textual-inversion embedding", false),
    UNKNOWN("unrecognised model", false);

    private final String label;
    private final boolean loadableCheckpoint;

    ModelKind(String label, boolean loadableCheckpoint) {
        this.label = label;
        this.loadableCheckpoint = loadableCheckpoint;
    }

    /** A name a user recognises, e.g. "Stable Diffusion XL". */
    public String label() {
        return label;
    }

    /** Whether Weft can load this kind as a full checkpoint (model, CLIP and VAE). */
    public boolean loadableCheckpoint() {
        return loadableCheckpoint;
    }
}
