package dev.weft.engine.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One-time setup of DJL's PyTorch engine for Weft: offline (natives come from the jars on the
 * class path, never from the network), a native cache folder Weft owns, and a thread count.
 * Call {@link #init} before the first NDManager is created.
 */
public final class TensorRuntime {
    private static volatile boolean initialised;

    private TensorRuntime() {
    }

    /**
     * Configures the engine.
     *
     * @param cacheDir folder where DJL extracts its native libraries; {@code null} keeps an already
     *                 set {@code DJL_CACHE_DIR}/{@code ENGINE_CACHE_DIR}, else uses {@code ~/.weft/djl}
     * @param threads  intra-op threads; 0 or less means all cores
     */
    public static synchronized void init(Path cacheDir, int threads) {
        System.setProperty("ai.djl.offline", "true");
        if (cacheDir != null || System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
            Path dir = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".weft", "djl");
            System.setProperty("DJL_CACHE_DIR", dir.toString());
            System.setProperty("ENGINE_CACHE_DIR", dir.toString());
        }
        // Keep the log quiet about the graph executor we never use.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "warn");
        Engine.getEngine("PyTorch");
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        JniUtils.setNumThreads(n);
        initialised = true;
    }

    /**
     * {@link #init} with defaults, once: the thread count comes from the environment variable
     * {@code WEFT_THREADS} when it is set, else every core.
     */
    public static void ensureInit() {
        if (!initialised) {
            init(null, threadsFromEnvironment());
        }
    }

    private static int threadsFromEnvironment() {
        String v = System.getenv("WEFT_THREADS");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WEFT_THREADS must be a whole number of threads, got '" + v + "'");
        }
    }

    /**
     * The device to compute on: {@code "cpu"}, {@code "cuda"}, {@code "cuda:N"} or {@code "auto"}
     * (CUDA when the engine sees a GPU, else CPU).
     */
    public static Device device(String name) {
        String n = name == null ? "auto" : name.toLowerCase(Locale.ROOT).strip();
        if (n.equals("auto")) {
            return Engine.getEngine("PyTorch").getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.startsWith("cuda")) {
            int id = n.contains(":") ? Integer.parseInt(n.substring(n.indexOf(':') + 1)) : 0;
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + name + "' (use cpu, cuda, cuda:N or auto)");
    }
}
