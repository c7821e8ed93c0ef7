package dev.weft.engine.sampling.samplers;

import static dev.weft.engine.sampling.samplers.DpmppFamily.MultistepSde.Correction.HEUN;
import static dev.weft.engine.sampling.samplers.DpmppFamily.MultistepSde.Correction.MIDPOINT;
import static dev.weft.engine.sampling.samplers.DpmppFamily.MultistepSde.Correction.THIRD_ORDER;

import dev.weft.engine.sampling.Sampler;
import dev.weft.engine.sampling.SamplerName;

/** Builds the implementation of each {@link SamplerName}. */
public final class Samplers {
    private Samplers() {
    }

    /** A new sampler for {@code name} (samplers are stateless between runs; one per run is fine). */
    public static Sampler create(SamplerName name) {
        return switch (name) {
            case EULER -> new EulerFamily.Euler("euler");
            case DDIM -> new EulerFamily.Euler("ddim");
            case EULER_ANCESTRAL -> new EulerFamily.EulerAncestral();
            case HEUN -> new EulerFamily.Heun();
            case HEUNPP2 -> new EulerFamily.Heunpp2();
            case DPM_2 -> new EulerFamily.Dpm2();
            case DPM_2_ANCESTRAL -> new EulerFamily.Dpm2Ancestral();
            case LMS -> new Lms();
            case DPM_FAST -> new DpmSolver.Fast();
            case DPM_ADAPTIVE -> new DpmSolver.Adaptive();
            case DPMPP_2S_ANCESTRAL -> new DpmppFamily.Dpmpp2sAncestral();
            case DPMPP_SDE, DPMPP_SDE_GPU -> new DpmppFamily.DpmppSde(name.comfyName());
            case DPMPP_2M -> new DpmppFamily.Dpmpp2m();
            case DPMPP_2M_SDE, DPMPP_2M_SDE_GPU -> new DpmppFamily.MultistepSde(name.comfyName(), MIDPOINT);
            case DPMPP_2M_SDE_HEUN, DPMPP_2M_SDE_HEUN_GPU -> new DpmppFamily.MultistepSde(name.comfyName(), HEUN);
            case DPMPP_3M_SDE, DPMPP_3M_SDE_GPU -> new DpmppFamily.MultistepSde(name.comfyName(), THIRD_ORDER);
            case EULER_CFG_PP -> new CfgPpFamily.EulerCfgPp("euler_cfg_pp", 0f);
            case EULER_ANCESTRAL_CFG_PP -> new CfgPpFamily.EulerCfgPp("euler_ancestral_cfg_pp", 1f);
            case DPMPP_2S_ANCESTRAL_CFG_PP -> new CfgPpFamily.Dpmpp2sAncestralCfgPp();
            case DPMPP_2M_CFG_PP -> new CfgPpFamily.Dpmpp2mCfgPp();
            case DDPM -> new RenoisingSamplers.Ddpm();
            case LCM -> new RenoisingSamplers.Lcm();
            case IPNDM -> new AdamsFamily.Ipndm();
            case IPNDM_V -> new AdamsFamily.IpndmV();
            case DEIS -> new AdamsFamily.Deis();
            case RES_MULTISTEP -> new ResMultistep("res_multistep", 0f, false);
            case RES_MULTISTEP_CFG_PP -> new ResMultistep("res_multistep_cfg_pp", 0f, true);
            case RES_MULTISTEP_ANCESTRAL -> new ResMultistep("res_multistep_ancestral", 1f, false);
            case RES_MULTISTEP_ANCESTRAL_CFG_PP -> new ResMultistep("res_multistep_ancestral_cfg_pp", 1f, true);
            case GRADIENT_ESTIMATION -> new GradientEstimation("gradient_estimation", false);
            case GRADIENT_ESTIMATION_CFG_PP -> new GradientEstimation("gradient_estimation_cfg_pp", true);
            case ER_SDE -> new ErSde();
            case SEEDS_2 -> new Seeds(2);
            case SEEDS_3 -> new Seeds(3);
            case SA_SOLVER -> new SaSolver(false);
            case SA_SOLVER_PECE -> new SaSolver(true);
            case UNI_PC -> new UniPc(false);
            case UNI_PC_BH2 -> new UniPc(true);
        };
    }
}
