package dev.weft.engine.tensor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time and floating-point operations per named kind of operation, accumulated over the
 * forwards a model runs while the profile is attached (the UNet's and VAE's {@code withProfile}),
 * for the benchmarks' per-op breakdowns. FLOPs are counted from the operand shapes (a
 * multiply-add is two), not measured. PyTorch's CPU ops are synchronous, so timing around each
 * native call measures that call. Engine thread only; not thread-safe.
 *
 * <p>Models time an op as {@code long t = profile.start(); ...; profile.stop("conv", t, flops);},
 * which costs nothing on {@link #OFF}.
 */
public final class OpProfile {
    /**
     * Totals for one kind of operation.
     *
     * @param op    the kind, e.g. {@code conv} or {@code conv3x3.winograd}
     * @param calls how many times it ran
     * @param nanos total wall time
     * @param flops total floating-point operations, 0 where not counted
     */
    public record Entry(String op, long calls, long nanos, double flops) {
        /** Achieved GFLOP/s, or 0 for ops whose work is not counted. */
        public double gflopsPerSecond() {
            return nanos > 0 ? flops / nanos : 0;
        }
    }

    /** A profile that records nothing (the default of every model). */
    public static final OpProfile OFF = new OpProfile(false);

    private final boolean enabled;
    /** Per op: calls, nanoseconds and FLOPs (doubles hold all three exactly at benchmark sizes). */
    private final Map<String, double[]> totals = new LinkedHashMap<>();

    private OpProfile(boolean enabled) {
        this.enabled = enabled;
    }

    /** A new, empty, recording profile. */
    public static OpProfile recording() {
        return new OpProfile(true);
    }

    /** Whether this profile records (false for {@link #OFF}); lets callers skip counting FLOPs. */
    public boolean enabled() {
        return enabled;
    }

    /** A start mark for {@link #stop}; 0 when disabled. */
    public long start() {
        return enabled ? System.nanoTime() : 0L;
    }

    /** Records one call of {@code op} that began at {@code start} and did {@code flops} operations. */
    public void stop(String op, long start, double flops) {
        if (enabled) {
            long nanos = System.nanoTime() - start;
            double[] t = totals.computeIfAbsent(op, k -> new double[3]);
            t[0]++;
            t[1] += nanos;
            t[2] += flops;
        }
    }

    /** Totals of {@code op} (zeros if it never ran). */
    public Entry entry(String op) {
        double[] t = totals.getOrDefault(op, new double[3]);
        return new Entry(op, (long) t[0], (long) t[1], t[2]);
    }

    /** Every op recorded, most time first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String op : totals.keySet()) {
            out.add(entry(op));
        }
        out.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return out;
    }

    /** Total wall time over all ops, in nanoseconds. */
    public long totalNanos() {
        return entries().stream().mapToLong(Entry::nanos).sum();
    }

    /** Total counted FLOPs over all ops. */
    public double totalFlops() {
        return totals.values().stream().mapToDouble(t -> t[2]).sum();
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        totals.clear();
    }
}
