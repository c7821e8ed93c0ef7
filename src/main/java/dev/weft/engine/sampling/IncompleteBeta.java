package dev.weft.engine.sampling;

/**
 * The regularised incomplete beta function {@code I_x(a, b)} and its inverse in x, which is the
 * quantile function of the Beta(a, b) distribution (what scipy's {@code beta.ppf} /
 * {@code betaincinv} give the beta scheduler). Double precision to within a few ulps, which is
 * far below the 1/999 resolution the scheduler rounds to.
 */
final class IncompleteBeta {
    private static final int MAX_ITERATIONS = 500;
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;

    private IncompleteBeta() {
    }

    /** {@code I_x(a, b)} for {@code 0 <= x <= 1}, {@code a, b > 0}. */
    static double regularized(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        // The continued fraction converges fast only below the mean; use the symmetry
        // I_x(a,b) = 1 - I_{1-x}(b,a) above it.
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularized(1 - x, b, a);
        }
        double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
        return Math.exp(logFront) * continuedFraction(x, a, b) / a;
    }

    /**
     * The x with {@code I_x(a, b) = p}: bisection to the last bit. When {@code a == b} the
     * distribution is symmetric and {@code p = 0.5} maps to exactly 0.5, as scipy returns.
     */
    static double inverse(double p, double a, double b) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        if (a == b) {
            if (p == 0.5) {
                return 0.5;
            }
            // Solve in the lower half, where I_x is computed without cancellation.
            if (p > 0.5) {
                return 1 - inverse(1 - p, a, b);
            }
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (regularized(mid, a, b) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // Of the two neighbours left, take the one whose I_x is closer to p.
        double dLo = Math.abs(regularized(lo, a, b) - p);
        double dHi = Math.abs(regularized(hi, a, b) - p);
        return dLo < dHi ? lo : hi;
    }

    /** Modified Lentz evaluation of the incomplete-beta continued fraction. */
    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 / awayFromZero(1 - qab * x / qap);
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            // Each iteration takes an even and an odd term of the fraction.
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / awayFromZero(1 + aa * d);
            c = awayFromZero(1 + aa / c);
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / awayFromZero(1 + aa * d);
            c = awayFromZero(1 + aa / c);
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x=" + x
                + ", a=" + a + ", b=" + b);
    }

    /** Lentz's guard against division by zero: values closer to 0 than {@code TINY} become {@code TINY}. */
    private static double awayFromZero(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }

    /** {@code log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b)}. */
    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    /** {@code log Gamma(x)} for {@code x > 0} (Lanczos, g = 7, about 15 significant digits). */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection keeps the series in its accurate range.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
