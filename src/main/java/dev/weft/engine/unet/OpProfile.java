package dev.weft.engine.unet;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Wall time and floating-point operations per kind of operation, accumulated over the forwards a
 * model runs while the profile is attached (see {@link UNet#forward}). FLOPs are counted from the
 * operand shapes (a multiply-add is two), not measured. PyTorch's CPU ops are synchronous, so
 * timing each call around the native op is exact. Engine thread only.
 */
public final class OpProfile {
    /** The kinds a UNet step is broken into. */
    public enum Kind {
        /** 2-D convolutions (ResBlocks, down/up-sampling, in/out, ControlNet hint and zero convs). */
        CONV,
        /** Scaled dot-product attention: QK^T, softmax, PV (projections are {@link #LINEAR}). */
        ATTENTION,
        /** Group and layer normalisation, including the group-norm affine and fused SiLU. */
        NORM,
        /** Linear layers: q/k/v/out projections, feed-forwards (with their GEGLU), proj_in/out, embeddings. */
        LINEAR,
        /** Element-wise work: SiLU, residual adds, up-sampling, concatenation, layout changes. */
        ELEMENTWISE
    }

    /** A profile that records nothing (the default of every model). */
    public static final OpProfile OFF = new OpProfile(false);

    private final boolean enabled;
    private final Map<Kind, long[]> totals = new EnumMap<>(Kind.class);

    private OpProfile(boolean enabled) {
        this.enabled = enabled;
        for (Kind k : Kind.values()) {
            totals.put(k, new long[3]);
        }
    }

    /** A new, empty, recording profile. */
    public static OpProfile recording() {
        return new OpProfile(true);
    }

    boolean enabled() {
        return enabled;
    }

    /** A start mark for {@link #stop}; 0 when disabled. */
    long start() {
        return enabled ? System.nanoTime() : 0L;
    }

    void stop(Kind kind, long start, double flops) {
        if (enabled) {
            long[] t = totals.get(kind);
            t[0] += System.nanoTime() - start;
            t[1] += (long) flops;
            t[2]++;
        }
    }

    /** Accumulated wall time of {@code kind}, in nanoseconds. */
    public long nanos(Kind kind) {
        return totals.get(kind)[0];
    }

    /** Accumulated FLOPs of {@code kind}. */
    public long flops(Kind kind) {
        return totals.get(kind)[1];
    }

    /** How many operations of {@code kind} ran. */
    public long calls(Kind kind) {
        return totals.get(kind)[2];
    }

    /** Sum of {@link #flops} over all kinds. */
    public long totalFlops() {
        long n = 0;
        for (long[] t : totals.values()) {
            n += t[1];
        }
        return n;
    }

    /** Sum of {@link #nanos} over all kinds. */
    public long totalNanos() {
        long n = 0;
        for (long[] t : totals.values()) {
            n += t[0];
        }
        return n;
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        for (long[] t : totals.values()) {
            Arrays.fill(t, 0L);
        }
    }
}
