package dev.weft.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the engine-heavy commands with native memory settings that libtorch and glibc read from the
 * process environment once, at start-up (Java cannot change its own environment).
 *
 * <ul>
 *   <li>{@code THP_MEM_ALLOC_ENABLE=1}: libtorch allocates in 2 MB pages, so page faults per 512x512
 *       UNet step drop from about 460,000 to about 10,000 and step times become steady.</li>
 *   <li>{@code MALLOC_ARENA_MAX=1}, {@code MALLOC_MMAP_MAX_=0}: every tensor comes from glibc's one
 *       main heap, so memory freed by one operation is reused by the next. Otherwise the engine
 *       thread's arena hands each tensor above 32 MB to a fresh mapping that must be faulted in and
 *       zeroed again: a repeated 512x512 VAE decode spent 1.6 s of system time on that and took
 *       6.2 s; with one heap it takes 5.5 s.</li>
 *   <li>{@code MALLOC_TRIM_THRESHOLD_=512 MiB}: up to 512 MiB of free memory stays with the process for
 *       the next run; beyond that, free memory at the top of the heap goes back to the system.</li>
 * </ul>
 *
 * <p>So when {@code THP_MEM_ALLOC_ENABLE} is unset, {@code weft} starts one child JVM with the same
 * options and arguments and these variables set (values already in the environment win), and exits
 * with the child's code. Set {@code WEFT_NO_RELAUNCH=1} (or {@code THP_MEM_ALLOC_ENABLE=0}) to run
 * in-process.
 */
final class NativeMemory {
    static final String VARIABLE = "THP_MEM_ALLOC_ENABLE";

    /** The child's environment additions, in order. */
    private static final Map<String, String> SETTINGS = settings();

    private NativeMemory() {
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(VARIABLE, "1");
        m.put("MALLOC_ARENA_MAX", "1");
        m.put("MALLOC_MMAP_MAX_", "0");
        m.put("MALLOC_TRIM_THRESHOLD_", Long.toString(512L << 20));
        return Collections.unmodifiableMap(m);
    }

    /** Whether {@code command} runs models long enough for huge pages to matter. */
    static boolean worthIt(String[] args) {
        if (args.length == 0) {
            return true; // the editor
        }
        return switch (args[0]) {
            case "run", "bench", "golden" -> true;
            case "validate", "convert", "nodes", "help", "--help", "-h" -> false;
            default -> !args[0].startsWith("-"); // a workflow path opens the editor
        };
    }

    /** Adds the settings to a child's {@code environment}; a variable already there keeps its value. */
    static void addSettings(Map<String, String> environment) {
        SETTINGS.forEach(environment::putIfAbsent);
    }

    /**
     * Runs this command again in a child JVM with the variable set, if that is needed and possible.
     *
     * @return the child's exit code, or empty to go on in this process
     */
    static Optional<Integer> relaunch(String[] args) {
        if (System.getenv(VARIABLE) != null || System.getenv("WEFT_NO_RELAUNCH") != null || !worthIt(args)
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        addSettings(pb.environment());
        if (!new File(command.get(0)).canExecute()) {
            return Optional.empty();
        }
        try {
            Process child = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return Optional.of(child.waitFor());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }
}
