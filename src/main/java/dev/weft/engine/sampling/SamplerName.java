package dev.weft.engine.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Every sampler of ComfyUI's {@code SAMPLER_NAMES}, in its combo order ({@link #EULER} is the
 * default). {@code dev.weft.engine.sampling.samplers.Samplers.create} builds the implementation.
 */
public enum SamplerName {
    EULER("euler"),
    EULER_CFG_PP("euler_cfg_pp"),
    EULER_ANCESTRAL("euler_ancestral"),
    EULER_ANCESTRAL_CFG_PP("euler_ancestral_cfg_pp"),
    HEUN("heun"),
    HEUNPP2("heunpp2"),
    DPM_2("dpm_2"),
    DPM_2_ANCESTRAL("dpm_2_ancestral"),
    LMS("lms"),
    DPM_FAST("dpm_fast"),
    DPM_ADAPTIVE("dpm_adaptive"),
    DPMPP_2S_ANCESTRAL("dpmpp_2s_ancestral"),
    DPMPP_2S_ANCESTRAL_CFG_PP("dpmpp_2s_ancestral_cfg_pp"),
    DPMPP_SDE("dpmpp_sde"),
    DPMPP_SDE_GPU("dpmpp_sde_gpu"),
    DPMPP_2M("dpmpp_2m"),
    DPMPP_2M_CFG_PP("dpmpp_2m_cfg_pp"),
    DPMPP_2M_SDE("dpmpp_2m_sde"),
    DPMPP_2M_SDE_GPU("dpmpp_2m_sde_gpu"),
    DPMPP_2M_SDE_HEUN("dpmpp_2m_sde_heun"),
    DPMPP_2M_SDE_HEUN_GPU("dpmpp_2m_sde_heun_gpu"),
    DPMPP_3M_SDE("dpmpp_3m_sde"),
    DPMPP_3M_SDE_GPU("dpmpp_3m_sde_gpu"),
    DDPM("ddpm"),
    LCM("lcm"),
    IPNDM("ipndm"),
    IPNDM_V("ipndm_v"),
    DEIS("deis"),
    RES_MULTISTEP("res_multistep"),
    RES_MULTISTEP_CFG_PP("res_multistep_cfg_pp"),
    RES_MULTISTEP_ANCESTRAL("res_multistep_ancestral"),
    RES_MULTISTEP_ANCESTRAL_CFG_PP("res_multistep_ancestral_cfg_pp"),
    GRADIENT_ESTIMATION("gradient_estimation"),
    GRADIENT_ESTIMATION_CFG_PP("gradient_estimation_cfg_pp"),
    ER_SDE("er_sde"),
    SEEDS_2("seeds_2"),
    SEEDS_3("seeds_3"),
    SA_SOLVER("sa_solver"),
    SA_SOLVER_PECE("sa_solver_pece"),
    DDIM("ddim"),
    UNI_PC("uni_pc"),
    UNI_PC_BH2("uni_pc_bh2");

    private final String comfyName;

    SamplerName(String comfyName) {
        this.comfyName = comfyName;
    }

    /** The name in ComfyUI's combo and workflow files. */
    public String comfyName() {
        return comfyName;
    }

    /**
     * Samplers that evaluate the model between two sigmas and so get one more step with the
     * second-to-last sigma dropped ({@code DISCARD_PENULTIMATE_SIGMA_SAMPLERS}).
     */
    public boolean discardsPenultimateSigma() {
        return this == DPM_2 || this == DPM_2_ANCESTRAL || this == UNI_PC || this == UNI_PC_BH2;
    }

    /** CFG++ samplers: they need the unconditional prediction too ({@link Denoiser#denoiseGuided}). */
    public boolean needsUnconditional() {
        return comfyName.endsWith("_cfg_pp");
    }

    /**
     * Samplers whose ComfyUI noise comes from a torchsde Brownian tree; Weft draws plain
     * Gaussians per step for them instead (same distribution per step, different numbers).
     */
    public boolean usesBrownianTreeInComfy() {
        return comfyName.startsWith("dpmpp_sde") || comfyName.startsWith("dpmpp_2m_sde")
                || comfyName.startsWith("dpmpp_3m_sde");
    }

    /** The sampler with this ComfyUI name. */
    public static SamplerName fromComfyName(String name) {
        for (SamplerName s : values()) {
            if (s.comfyName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sampler '" + name + "'; known: " + names());
    }

    /** All ComfyUI names in combo order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (SamplerName s : values()) {
            out.add(s.comfyName);
        }
        return out;
    }
}
