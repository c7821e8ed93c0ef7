package dev.weft.engine.sampling.guidance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The guidance-related model options of ComfyUI ({@code model_options}): an optional replacement
 * CFG function, the post-CFG functions, and whether the cfg = 1 shortcut is disabled.
 *
 * @param cfgFunction             replaces {@code uncond + (cond - uncond) * scale} when present
 * @param postCfg                 applied in order after CFG
 * @param disableCfg1Optimization evaluate the negative conditioning even at cfg = 1
 */
public record GuidanceOptions(Optional<SamplerCfgFunction> cfgFunction, List<PostCfgFunction> postCfg,
                              boolean disableCfg1Optimization) {
    /** Plain CFG. */
    public static final GuidanceOptions DEFAULT = new GuidanceOptions(Optional.empty(), List.of(), false);

    public GuidanceOptions {
        Objects.requireNonNull(cfgFunction, "cfgFunction");
        postCfg = List.copyOf(postCfg);
    }

    /** These options with {@code fn} as the CFG function (RescaleCFG installs itself this way). */
    public GuidanceOptions withCfgFunction(SamplerCfgFunction fn) {
        return new GuidanceOptions(Optional.of(fn), postCfg, disableCfg1Optimization);
    }

    /** These options with {@code fn} appended to the post-CFG functions. */
    public GuidanceOptions withPostCfg(PostCfgFunction fn, boolean disableCfg1) {
        List<PostCfgFunction> list = new ArrayList<>(postCfg);
        list.add(fn);
        return new GuidanceOptions(cfgFunction, list, disableCfg1Optimization || disableCfg1);
    }
}
