package dev.weft.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.weft.engine.tensor.TensorRuntime;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The machine's fp32 matmul ceiling through DJL: the physical bound the model benchmarks compare
 * their achieved GFLOP/s against. Prints the best of several runs for a few square sizes.
 */
public final class MatmulBench {
    private MatmulBench() {
    }

    /** Best achieved GFLOP/s of an {@code n x n} fp32 matmul over {@code reps} runs. */
    public static double gflops(NDManager m, int n, int reps) {
        JniUtils.setSeed(1);
        NDArray a = m.randomNormal(new Shape(n, n));
        NDArray b = m.randomNormal(new Shape(n, n));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps + 1; i++) {
            long t = System.nanoTime();
            NDArray c = a.matMul(b);
            c.toByteBuffer(true); // forces completion
            long dt = System.nanoTime() - t;
            c.close();
            if (i > 0) {
                best = Math.min(best, dt);
            }
        }
        a.close();
        b.close();
        return 2.0 * n * n * n / best;
    }

    public static void run(String[] args, PrintStream out) {
        TensorRuntime.ensureInit();
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {1024, 2048, 4096};
        out.println("fp32 matmul through DJL, " + JniUtils.getNumThreads() + " threads");
        try (NDManager m = NDManager.newBaseManager()) {
            for (int n : sizes) {
                out.printf(Locale.ROOT, "  %5d x %-5d %7.1f GFLOP/s%n", n, n, gflops(m, n, n >= 4096 ? 3 : 5));
            }
        }
    }
}
