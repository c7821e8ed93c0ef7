package dev.weft.engine.image;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The resampling methods of ComfyUI's {@code comfy.utils.common_upscale}, by the names its
 * LatentUpscale and ImageScale nodes use. LatentUpscale offers all but {@link #LANCZOS};
 * ImageScale all but {@link #BISLERP}.
 */
public enum UpscaleMethod {
    /** torch interpolate "nearest-exact": source index floor((i + 0.5) · in/out). */
    NEAREST_EXACT("nearest-exact"),
    /** torch interpolate "bilinear", align_corners=False, no antialiasing. */
    BILINEAR("bilinear"),
    /** torch interpolate "area" = adaptive average pooling. */
    AREA("area"),
    /** torch interpolate "bicubic" (A = -0.75), align_corners=False, no antialiasing, not clamped. */
    BICUBIC("bicubic"),
    /** ComfyUI's spherical-linear bilinear interpolation of channel vectors. */
    BISLERP("bislerp"),
    /** Pillow's Lanczos-3 resize of the 8-bit image, back to floats. */
    LANCZOS("lanczos");

    private final String comfyName;

    UpscaleMethod(String comfyName) {
        this.comfyName = comfyName;
    }

    /** The name in workflows, e.g. {@code nearest-exact}. */
    public String comfyName() {
        return comfyName;
    }

    /**
     * The method for a workflow name.
     *
     * @throws IllegalArgumentException naming the valid choices
     */
    public static UpscaleMethod fromComfyName(String name) {
        for (UpscaleMethod m : values()) {
            if (m.comfyName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown upscale_method '" + name + "' (choose one of "
                + Arrays.stream(values()).map(UpscaleMethod::comfyName).collect(Collectors.joining(", ")) + ")");
    }
}
