package dev.weft.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code weft} command: with no arguments it opens the editor; otherwise it runs one
 * sub-command. Every failure is one line on stderr and an exit code (see {@link CliException}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code weft args...} and returns the exit code (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("weft: the editor is not built yet; see weft help");
            return CliException.BAD_INPUT;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "golden" -> GoldenCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw CliException.badInput("weft: unknown command '" + args[0] + "' (see weft help)");
            };
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    static final String USAGE = """
            usage: weft [COMMAND] ...
              weft                                   open the editor
              weft golden DIR [--models DIR]         check the engine against golden data
              weft bench NAME [ARGS]                 benchmarks: matmul, sampling
            """;
}
