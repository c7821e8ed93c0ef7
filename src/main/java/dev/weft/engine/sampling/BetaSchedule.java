package dev.weft.engine.sampling;

/**
 * How training betas are spaced (ComfyUI's {@code make_beta_schedule}, all in float64). Only the
 * spacings used by Stable Diffusion checkpoints are here; cosine schedules can join later.
 */
public enum BetaSchedule {
    /**
     * ComfyUI's {@code "linear"}, which is diffusers' "scaled_linear":
     * {@code linspace(sqrt(start), sqrt(end), n)^2}.
     */
    LINEAR {
        @Override
        double[] betas(double start, double end, int n) {
            double[] b = linspace(Math.sqrt(start), Math.sqrt(end), n);
            for (int i = 0; i < n; i++) {
                b[i] = b[i] * b[i];
            }
            return b;
        }
    },
    /** ComfyUI's {@code "sqrt_linear"}: betas themselves linearly spaced. */
    SQRT_LINEAR {
        @Override
        double[] betas(double start, double end, int n) {
            return linspace(start, end, n);
        }
    };

    abstract double[] betas(double start, double end, int n);

    /**
     * torch.linspace in float64: the first half counts up from start, the second half down from
     * end, so both endpoints are exact.
     */
    static double[] linspace(double start, double end, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        double step = (end - start) / (n - 1);
        int half = n / 2;
        for (int i = 0; i < n; i++) {
            out[i] = i < half ? start + step * i : end - step * (n - i - 1);
        }
        return out;
    }
}
