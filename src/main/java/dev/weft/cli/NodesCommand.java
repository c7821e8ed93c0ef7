package dev.weft.cli;

import com.google.gson.JsonObject;
import dev.weft.graph.NodeSpec;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.JsonIo;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code weft nodes [--models DIR] [--input DIR]}: every node spec as one JSON object keyed by
 * class_type, the shape of ComfyUI's {@code GET /object_info}, with file lists (checkpoints, LoRAs,
 * ControlNets, VAEs, input images) filled from the folders.
 */
final class NodesCommand {
    private NodesCommand() {
    }

    static int run(List<String> raw, PrintStream out, PrintStream err, CliContext ctx) {
        Args args = Args.parse("nodes", raw, Set.of("models", "input"), Set.of());
        if (!args.positionals().isEmpty()) {
            throw CliException.badInput("weft nodes: takes no arguments besides --models and --input");
        }
        NodeRegistry registry = WorkflowInput.registry("nodes", ctx).withFiles(WorkflowInput.folders(args, ctx));
        JsonObject all = new JsonObject();
        for (NodeSpec spec : registry.specs().values()) {
            all.add(spec.classType(), spec.toJson());
        }
        out.println(JsonIo.pretty(all));
        return 0;
    }
}
