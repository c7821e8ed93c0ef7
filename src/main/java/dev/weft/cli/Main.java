package dev.weft.cli;

import dev.weft.ui.EditorLauncher;
import dev.weft.ui.LaunchOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code weft} command: with no arguments (or just a workflow file) it opens the editor;
 * otherwise it runs one sub-command. Every failure is one line on stderr and an exit code (see
 * {@link CliException}), never a stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Optional<Integer> child = NativeMemory.relaunch(args);
        System.exit(child.isPresent() ? child.get() : run(args, System.out, System.err));
    }

    /** Runs {@code weft args...} in this process's context and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, CliContext.system());
    }

    /**
     * Runs {@code weft args...} and returns the exit code.
     *
     * @param ctx where the node registry, the environment and the working folder come from (tests
     *            inject fake node implementations here; the engine plugs in its own)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, CliContext ctx) {
        if (args.length == 0 || (args.length == 1 && !COMMANDS.contains(args[0])
                && Files.isRegularFile(ctx.resolve(args[0])))) {
            Optional<Path> workflow = args.length == 0 ? Optional.empty() : Optional.of(ctx.resolve(args[0]));
            return EditorLauncher.launch(workflow, LaunchOptions.defaults().withRegistry(ctx.registry()));
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> RunCommand.run(rest, out, err, ctx);
                case "validate" -> ValidateCommand.run(rest, out, err, ctx);
                case "convert" -> ConvertCommand.run(rest, out, err, ctx);
                case "nodes" -> NodesCommand.run(rest, out, err, ctx);
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
        } catch (RuntimeException e) {
            // A bug, not the user's input: still one line, with what a bug report needs.
            err.println("weft " + args[0] + ": internal error: " + e);
            return CliException.FAILED;
        }
    }

    static final List<String> COMMANDS = List.of("run", "validate", "convert", "nodes", "golden", "bench", "help",
            "--help", "-h");

    static final String USAGE = """
            usage: weft [COMMAND] ...
              weft [WORKFLOW]                        open the editor, with WORKFLOW loaded if given
              weft run WORKFLOW [--models DIR] [--input DIR] [--output DIR] [--set NODE_ID.INPUT=VALUE ...]
                                                     run a workflow, printing progress; saved images go to
                                                     --output (default ./output)
              weft validate WORKFLOW [--models DIR] [--input DIR]
                                                     check a workflow without running it
              weft convert WORKFLOW --to ui|api [--out FILE]
                                                     print (or write) the workflow as a UI workflow or as a
                                                     prompt for ComfyUI's /prompt
              weft nodes [--models DIR] [--input DIR]  every node spec, as ComfyUI's /object_info
              weft golden DIR [--models DIR]         check the engine against golden data
              weft bench NAME [ARGS]                 benchmarks: sd15, unet, vae, sampling, matmul, editor
            WORKFLOW is a UI workflow JSON, an API prompt JSON, or a PNG that embeds either.
            The models folder is --models, else $WEFT_MODELS, else ./models (ComfyUI's layout);
            LoadImage reads --input, else ./input.
            Exit codes: 0 ok; 1 the workflow does not validate or a node failed; 2 bad input or usage.
            """;
}
