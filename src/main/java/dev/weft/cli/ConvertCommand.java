package dev.weft.cli;

import com.google.gson.JsonObject;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.JsonIo;
import dev.weft.workflow.LoraStack;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowWriter;
import dev.weft.workflow.WorkflowFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code weft convert WORKFLOW --to ui|api [--out FILE]}: prints (or writes) the workflow in the
 * other format.
 * <ul>
 *   <li>{@code api}: the prompt ComfyUI's {@code POST /prompt} takes as its {@code prompt} value,
 *       as ComfyUI's "Export (API)" writes it: LoraStack expanded into LoraLoader nodes, dynamic
 *       prompts resolved. An API prompt without LoraStack is passed through unchanged.</li>
 *   <li>{@code ui}: a UI workflow (0.4) that ComfyUI and Weft open; an API prompt is laid out in
 *       columns as ComfyUI lays out an imported prompt.</li>
 * </ul>
 */
final class ConvertCommand {
    private ConvertCommand() {
    }

    static int run(List<String> raw, PrintStream out, PrintStream err, CliContext ctx) {
        Args args = Args.parse("convert", raw, Set.of("to", "out"), Set.of());
        String workflow = args.single("convert", "workflow file (UI workflow JSON, API prompt JSON or PNG)");
        String to = args.option("to").orElseThrow(() -> CliException.badInput("weft convert: say --to ui or --to api"));
        if (!to.equals("ui") && !to.equals("api")) {
            throw CliException.badInput("weft convert: --to must be ui or api, not '" + to + "'");
        }
        NodeRegistry registry = WorkflowInput.registry("convert", ctx);
        WorkflowFile.Loaded loaded = WorkflowInput.load("convert", workflow, ctx, registry);
        JsonObject json = to.equals("ui") ? UiWorkflowWriter.toJson(loaded.graph()) : api(loaded, registry).toJson();
        if (args.option("out").isEmpty()) {
            out.println(JsonIo.pretty(json));
            return 0;
        }
        Path file = ctx.resolve(args.option("out").get());
        try {
            JsonIo.writePretty(file, json);
        } catch (IOException e) {
            throw CliException.badInput("weft convert: cannot write " + ctx.show(file) + ": " + e.getMessage());
        }
        out.println("wrote " + ctx.show(file));
        return 0;
    }

    private static ApiPrompt api(WorkflowFile.Loaded loaded, NodeRegistry registry) {
        boolean hasStack = loaded.prompt().map(p -> p.nodes().values().stream()
                .anyMatch(n -> n.classType().equals(LoraStack.TYPE))).orElse(true);
        if (loaded.prompt().isPresent() && !hasStack) {
            return loaded.prompt().get();
        }
        return WorkflowInput.export("convert", loaded, registry, PromptExporter.Options.forComfyUi());
    }
}
