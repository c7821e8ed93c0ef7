package dev.weft.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.ExecutionListener;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.NodeNames;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiNode;
import dev.weft.workflow.ApiPrompt;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a run's events as lines a person can follow: on stdout
 * <pre>
 * node 4 "Load Checkpoint" (CheckpointLoaderSimple): started
 * node 3 "KSampler": step 5/20
 * node 9 "Save Image" (SaveImage): saved output/txt2img_00001_.png
 * finished in 12.3 s
 * </pre>
 * and a failing node's error as one line on stderr. Previews are not printed. Called on the
 * executor's dispatcher thread.
 */
final class ProgressPrinter implements ExecutionListener {
    private final ApiPrompt prompt;
    private final NodeRegistry registry;
    private final ExecutorConfig config;
    private final CliContext ctx;
    private final PrintStream out;
    private final PrintStream err;

    ProgressPrinter(ApiPrompt prompt, NodeRegistry registry, ExecutorConfig config, CliContext ctx, PrintStream out,
                    PrintStream err) {
        this.prompt = prompt;
        this.registry = registry;
        this.config = config;
        this.ctx = ctx;
        this.out = out;
        this.err = err;
    }

    @Override
    public void onEvent(ExecutionEvent event) {
        if (event instanceof ExecutionEvent.Cached c && !c.nodeIds().isEmpty()) {
            out.println("cached: " + c.nodeIds().stream().map(this::node).collect(Collectors.joining(", ")));
        } else if (event instanceof ExecutionEvent.NodeStarted s) {
            out.println(node(s.nodeId()) + ": started");
        } else if (event instanceof ExecutionEvent.Progress p) {
            out.println(node(p.nodeId()) + ": step " + p.value() + "/" + p.max());
        } else if (event instanceof ExecutionEvent.Executed e) {
            executed(e);
        } else if (event instanceof ExecutionEvent.NodeWarning w) {
            err.println("warning: " + node(w.nodeId()) + ": " + w.message());
        } else if (event instanceof ExecutionEvent.NodeError e) {
            err.println("weft run: " + e.message());
        } else if (event instanceof ExecutionEvent.Finished f) {
            String seconds = String.format(Locale.ROOT, "%.1f s", f.elapsed().toMillis() / 1000.0);
            switch (f.outcome()) {
                case SUCCESS -> out.println("finished in " + seconds);
                case ERROR -> out.println("failed after " + seconds);
                case INTERRUPTED -> out.println("interrupted after " + seconds);
                case CANCELLED -> out.println("cancelled");
            }
        }
    }

    private void executed(ExecutionEvent.Executed e) {
        JsonElement images = e.ui().get("images");
        if (images == null || !images.isJsonArray() || images.getAsJsonArray().isEmpty()) {
            out.println(node(e.nodeId()) + ": done");
            return;
        }
        for (JsonElement image : images.getAsJsonArray()) {
            JsonObject i = image.getAsJsonObject();
            String type = i.has("type") ? i.get("type").getAsString() : "output";
            Path folder = "temp".equals(type) ? config.tempFolder() : config.outputFolder();
            String subfolder = i.has("subfolder") ? i.get("subfolder").getAsString() : "";
            Path file = folder.resolve(subfolder).resolve(i.get("filename").getAsString());
            out.println(node(e.nodeId()) + ": " + ("temp".equals(type) ? "preview " : "saved ") + ctx.show(file));
        }
    }

    private String node(String id) {
        ApiNode n = prompt.nodes().get(id);
        return n == null ? "node " + id : NodeNames.describe(id, NodeNames.title(n, registry), n.classType());
    }
}
