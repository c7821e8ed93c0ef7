package dev.weft.engine.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sigma schedulers of ComfyUI's {@code SCHEDULER_NAMES}, in its order (the KSampler combo
 * lists them this way; {@link #SIMPLE} is the combo default). Each turns a step count into the
 * list of noise levels a sampler walks through: {@code sigmas[i]} is the level at the start of
 * step i, and the list normally has {@code steps + 1} entries ending in 0 (ddim_uniform, beta and
 * normal on zero-terminal-SNR schedules may differ). Values are float32, computed as ComfyUI does.
 */
public enum Scheduler {
    /** Evenly strided entries of the model's own sigma table, from the top. */
    SIMPLE("simple") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            float[] out = new float[steps + 1];
            double stride = (double) ms.size() / steps;
            for (int k = 0; k < steps; k++) {
                out[k] = ms.sigmaAt(ms.size() - 1 - (int) (k * stride));
            }
            return out;
        }
    },
    /** Like {@link #NORMAL} with steps + 1 timesteps and the last one dropped (SGM's spacing). */
    SGM_UNIFORM("sgm_uniform") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            return timestepSpaced(ms, steps, true);
        }
    },
    /** Karras et al. (2022), rho = 7, between the schedule's smallest and largest sigma. */
    KARRAS("karras") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            double rho = 7.0;
            double minInvRho = Math.pow(ms.sigmaMin(), 1 / rho);
            double maxInvRho = Math.pow(ms.sigmaMax(), 1 / rho);
            float[] ramp = F32.linspace(0f, 1f, steps);
            float[] out = new float[steps + 1];
            float span = (float) (minInvRho - maxInvRho);
            for (int i = 0; i < steps; i++) {
                float base = (float) maxInvRho + ramp[i] * span;
                out[i] = (float) Math.pow(base, (float) rho);
            }
            return out;
        }
    },
    /** Evenly spaced in log sigma. */
    EXPONENTIAL("exponential") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            float[] logs = F32.linspace((float) Math.log(ms.sigmaMax()), (float) Math.log(ms.sigmaMin()), steps);
            float[] out = new float[steps + 1];
            for (int i = 0; i < steps; i++) {
                out[i] = F32.exp(logs[i]);
            }
            return out;
        }
    },
    /**
     * DDIM's uniform timestep stride {@code max(T / steps, 1)} from timestep 1 upward, reversed;
     * it starts below the top sigma.
     */
    DDIM_UNIFORM("ddim_uniform") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            List<Float> sigs = new ArrayList<>();
            int n = steps;
            if (Math.abs(ms.sigmaAt(1)) <= 0.00001) {
                n += 1;
            } else {
                sigs.add(0f);
            }
            int stride = Math.max(ms.size() / n, 1);
            for (int t = 1; t < ms.size(); t += stride) {
                sigs.add(ms.sigmaAt(t));
            }
            float[] out = new float[sigs.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = sigs.get(sigs.size() - 1 - i);
            }
            return out;
        }
    },
    /**
     * Timesteps at the quantiles of Beta(0.6, 0.6) (arXiv 2407.12173), rounded to the table;
     * repeated timesteps are skipped, so the list can be shorter than steps + 1.
     */
    BETA("beta") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            double alpha = 0.6;
            double beta = 0.6;
            int total = ms.size() - 1;
            double stride = 1.0 / steps;
            List<Float> sigs = new ArrayList<>();
            double last = -1;
            for (int i = 0; i < steps; i++) {
                double p = 1.0 - i * stride;
                double t = Math.rint(IncompleteBeta.inverse(p, alpha, beta) * total);
                if (t != last) {
                    sigs.add(ms.sigmaAt((int) t));
                }
                last = t;
            }
            float[] out = new float[sigs.size() + 1];
            for (int i = 0; i < sigs.size(); i++) {
                out[i] = sigs.get(i);
            }
            return out;
        }
    },
    /** Timesteps evenly spaced from the top to the bottom of the table, interpolated. */
    NORMAL("normal") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            return timestepSpaced(ms, steps, false);
        }
    },
    /** Mochi's schedule: linear for the first half of the steps, then quadratic. */
    LINEAR_QUADRATIC("linear_quadratic") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            double[] schedule;
            if (steps == 1) {
                schedule = new double[] {1.0, 0.0};
            } else {
                double threshold = 0.025;
                int linearSteps = steps / 2;
                schedule = new double[steps + 1];
                for (int i = 0; i < linearSteps; i++) {
                    schedule[i] = i * threshold / linearSteps;
                }
                double stepDiff = linearSteps - threshold * steps;
                int quadraticSteps = steps - linearSteps;
                double quadraticCoef = stepDiff / (linearSteps * Math.pow(quadraticSteps, 2));
                double linearCoef = threshold / linearSteps - 2 * stepDiff / Math.pow(quadraticSteps, 2);
                double constant = quadraticCoef * Math.pow(linearSteps, 2);
                for (int i = linearSteps; i < steps; i++) {
                    schedule[i] = quadraticCoef * Math.pow(i, 2) + linearCoef * i + constant;
                }
                schedule[steps] = 1.0;
                for (int i = 0; i <= steps; i++) {
                    schedule[i] = 1.0 - schedule[i];
                }
            }
            float[] out = new float[schedule.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) schedule[i] * ms.sigmaMax();
            }
            return out;
        }
    },
    /**
     * {@code tan} of evenly spaced {@code atan(sigma)} (AYS "KL-optimal"). With one step the
     * spacing divides 0 by 0 and the first sigma is NaN, exactly as in ComfyUI.
     */
    KL_OPTIMAL("kl_optimal") {
        @Override
        public float[] sigmas(ModelSampling ms, int steps) {
            float atanMin = (float) Math.atan(ms.sigmaMin());
            float atanMax = (float) Math.atan(ms.sigmaMax());
            float[] out = new float[steps + 1];
            for (int i = 0; i < steps; i++) {
                float w = (float) i / (float) (steps - 1);
                out[i] = (float) Math.tan(w * atanMin + (1f - w) * atanMax);
            }
            return out;
        }
    };

    private final String comfyName;

    Scheduler(String comfyName) {
        this.comfyName = comfyName;
    }

    /** The name in ComfyUI's combo and workflow files. */
    public String comfyName() {
        return comfyName;
    }

    /**
     * The schedule for {@code steps} steps ({@code calculate_sigmas}); the last entry is 0
     * unless the model's schedule reaches zero itself.
     *
     * @param steps at least 1
     */
    public abstract float[] sigmas(ModelSampling ms, int steps);

    /** The scheduler with this ComfyUI name. */
    public static Scheduler fromComfyName(String name) {
        for (Scheduler s : values()) {
            if (s.comfyName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scheduler '" + name + "'; known: " + names());
    }

    /** All ComfyUI names in combo order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Scheduler s : values()) {
            out.add(s.comfyName);
        }
        return out;
    }

    /** normal / sgm_uniform: evenly spaced fractional timesteps mapped through the table. */
    private static float[] timestepSpaced(ModelSampling ms, int steps, boolean sgm) {
        float start = ms.timestep(ms.sigmaMax());
        float end = ms.timestep(ms.sigmaMin());
        boolean appendZero = true;
        float[] ts;
        if (sgm) {
            float[] all = F32.linspace(start, end, steps + 1);
            ts = Arrays.copyOf(all, steps);
        } else {
            int n = steps;
            if (Math.abs(ms.sigma(end)) <= 0.00001) {
                n += 1;
                appendZero = false;
            }
            ts = F32.linspace(start, end, n);
        }
        float[] out = new float[ts.length + (appendZero ? 1 : 0)];
        for (int i = 0; i < ts.length; i++) {
            out[i] = ms.sigma(ts[i]);
        }
        return out;
    }
}
