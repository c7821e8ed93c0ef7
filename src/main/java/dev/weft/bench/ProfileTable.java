package dev.weft.bench;

import dev.weft.engine.tensor.OpProfile;
import java.io.PrintStream;
import java.util.Locale;

/** Prints an {@link OpProfile} as the model benchmarks show it: where the time of one run goes. */
final class ProfileTable {
    private ProfileTable() {
    }

    /**
     * One row per op, most time first, with time, share of the wall time, GFLOP and GFLOP/s per
     * run, then the untimed rest (scopes, reshapes, JNI crossings).
     *
     * @param runs        how many runs {@code p} accumulated
     * @param wallPerRun  wall time of one run, in seconds
     */
    static void print(PrintStream out, OpProfile p, int runs, double wallPerRun) {
        out.printf(Locale.ROOT, "  %-22s %8s %7s %8s %8s %6s%n", "per run", "time", "share", "GFLOP", "GFLOP/s", "calls");
        double timed = 0;
        for (OpProfile.Entry e : p.entries()) {
            double s = e.nanos() / 1e9 / runs;
            double gf = e.flops() / 1e9 / runs;
            timed += s;
            out.printf(Locale.ROOT, "  %-22s %7.3fs %6.1f%% %8s %8s %6d%n", e.op(), s, 100 * s / wallPerRun,
                    gf > 0 ? String.format(Locale.ROOT, "%.0f", gf) : "", gf > 0 ? String.format(Locale.ROOT, "%.0f", gf / s) : "",
                    e.calls() / runs);
        }
        double rest = wallPerRun - timed;
        out.printf(Locale.ROOT, "  %-22s %7.3fs %6.1f%%   (scopes, reshapes, JNI)%n", "untimed", rest, 100 * rest / wallPerRun);
    }
}
