package dev.weft.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the engine-heavy commands with libtorch's huge-page allocator switched on.
 *
 * <p>libtorch reads {@code THP_MEM_ALLOC_ENABLE} from the process environment once, and Java cannot
 * change its own environment. With it, the hundreds of megabytes the UNet and VAE allocate every
 * step come in 2 MB pages: page faults per 512x512 step drop from about 460,000 to about 10,000 and
 * step times become steady. So when the variable is unset, {@code weft} starts one child JVM with the
 * same options and arguments and the variable set, and exits with the child's code. Set
 * {@code WEFT_NO_RELAUNCH=1} (or {@code THP_MEM_ALLOC_ENABLE=0}) to run in-process.
 */
final class HugePages {
    static final String VARIABLE = "THP_MEM_ALLOC_ENABLE";

    private HugePages() {
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
        pb.environment().put(VARIABLE, "1");
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
