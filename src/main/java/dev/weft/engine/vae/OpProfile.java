package dev.weft.engine.vae;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time and floating-point work per operation kind, for the benchmark's per-op profile.
 * PyTorch CPU ops run synchronously, so timing around each native call measures that call.
 * Engine thread only; not thread-safe.
 */
public final class OpProfile {
    /**
     * Totals for one operation kind.
     *
     * @param op    the kind, e.g. {@code conv3x3}
     * @param calls how many times it ran
     * @param nanos total wall time
     * @param flops total floating-point operations (multiply and add counted separately), 0 if not counted
     */
    public record Entry(String op, long calls, long nanos, double flops) {
        /** Achieved GFLOP/s, or 0 for ops whose work is not counted. */
        public double gflopsPerSecond() {
            return nanos > 0 ? flops / nanos : 0;
        }
    }

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, double[]> work = new LinkedHashMap<>();

    /** Adds one call of {@code op} that took {@code nanos} and did {@code flops} operations. */
    public void add(String op, long nanos, double flops) {
        long[] c = counts.computeIfAbsent(op, k -> new long[2]);
        c[0]++;
        c[1] += nanos;
        work.computeIfAbsent(op, k -> new double[1])[0] += flops;
    }

    /** Entries, most time first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        counts.forEach((op, c) -> out.add(new Entry(op, c[0], c[1], work.get(op)[0])));
        out.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return out;
    }

    /** Total time over all entries. */
    public long totalNanos() {
        return counts.values().stream().mapToLong(c -> c[1]).sum();
    }

    /** Total counted work over all entries. */
    public double totalFlops() {
        return work.values().stream().mapToDouble(w -> w[0]).sum();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        counts.clear();
        work.clear();
    }
}
