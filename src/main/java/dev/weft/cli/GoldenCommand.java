package dev.weft.cli;

import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.GoldenSuites;
import dev.weft.engine.tensor.TensorRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code weft golden DIR}: checks the engine against a directory laid out like shared/golden.
 * Prints one line per case (name, PASS/FAIL, max absolute and relative error) and a last line
 * {@code N passed, M failed}; exit 0 only when every case passed. Folders the engine does not
 * cover are named on stderr and not counted.
 */
final class GoldenCommand {
    private GoldenCommand() {
    }

    static int run(List<String> raw, PrintStream out, PrintStream err) {
        Args args = Args.parse("golden", raw, Set.of("models"), Set.of());
        Path models = args.option("models").map(Path::of)
                .orElse(Path.of(System.getenv().getOrDefault("WEFT_MODELS", "models")));
        Path dir = Path.of(args.single("golden", "golden directory"));
        if (!Files.isDirectory(dir)) {
            throw CliException.badInput("weft golden: " + dir + " is not a directory");
        }
        TensorRuntime.ensureInit();
        int passed = 0;
        int failed = 0;
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw CliException.badInput("weft golden: cannot list " + dir + ": " + e.getMessage());
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            Optional<GoldenSuite> suite = GoldenSuites.forFolder(name, models);
            if (suite.isEmpty()) {
                err.println("weft golden: " + name + ": not covered by this engine, skipped");
                continue;
            }
            for (GoldenResult r : suite.get().run(folder)) {
                out.println(format(r));
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 && passed > 0 ? 0 : CliException.FAILED;
    }

    static String format(GoldenResult r) {
        String line = String.format(Locale.ROOT, "%-60s %s  max_abs=%.3e  max_rel=%.3e", r.name(),
                r.passed() ? "PASS" : "FAIL", r.maxAbs(), r.maxRel());
        return r.passed() || r.detail().isEmpty() ? line : line + "  " + r.detail();
    }
}
