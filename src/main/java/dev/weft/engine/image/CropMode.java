package dev.weft.engine.image;

/** The {@code crop} choice of LatentUpscale and ImageScale. */
public enum CropMode {
    /** Stretch the whole image to the new size. */
    DISABLED("disabled"),
    /** First cut the centre to the new aspect ratio, then resize. */
    CENTER("center");

    private final String comfyName;

    CropMode(String comfyName) {
        this.comfyName = comfyName;
    }

    /** The name in workflows. */
    public String comfyName() {
        return comfyName;
    }

    /**
     * The mode for a workflow name.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static CropMode fromComfyName(String name) {
        for (CropMode m : values()) {
            if (m.comfyName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown crop '" + name + "' (choose disabled or center)");
    }
}
