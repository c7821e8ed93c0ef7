package dev.weft.exec;

import com.google.gson.JsonObject;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.PreviewFrame;
import dev.weft.nodes.RunCancelledException;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link NodeContext} of one node in one run. Engine thread only. Progress and previews go to
 * the event channel (coalesced there); {@link #own} collects resources for the node's cache entry.
 */
final class NodeRun implements NodeContext {
    private final QueuedRun run;
    private final PlannedNode node;
    private final ExecutorConfig config;
    private final EventChannel events;
    private final boolean mayOwn;
    private final List<AutoCloseable> owned = new ArrayList<>();

    /** @param mayOwn false while fingerprinting, when there is no cache entry to tie resources to */
    NodeRun(QueuedRun run, PlannedNode node, ExecutorConfig config, EventChannel events, boolean mayOwn) {
        this.run = run;
        this.node = node;
        this.config = config;
        this.events = events;
        this.mayOwn = mayOwn;
    }

    @Override
    public String nodeId() {
        return node.id();
    }

    @Override
    public String classType() {
        return node.classType();
    }

    @Override
    public void progress(int value, int max) {
        events.post(new ExecutionEvent.Progress(run.id(), node.id(), value, max));
    }

    @Override
    public void warn(String message) {
        events.post(new ExecutionEvent.NodeWarning(run.id(), node.id(), message));
    }

    @Override
    public void preview(PreviewFrame frame) {
        events.post(new ExecutionEvent.Preview(run.id(), node.id(), frame));
    }

    @Override
    public void checkCancelled() {
        if (run.interrupted()) {
            throw new RunCancelledException();
        }
    }

    @Override
    public ModelFolders folders() {
        return config.folders();
    }

    @Override
    public Path outputFolder() {
        return config.outputFolder();
    }

    @Override
    public Path tempFolder() {
        return config.tempFolder();
    }

    @Override
    public ApiPrompt prompt() {
        return run.plan().prompt();
    }

    @Override
    public JsonObject extraPngInfo() {
        return run.extraPngInfo();
    }

    @Override
    public <T extends AutoCloseable> T own(T resource) {
        if (!mayOwn) {
            throw new IllegalStateException(node.describe() + ": resources can only be owned while the node executes,"
                    + " not while its fingerprint is computed");
        }
        if (resource == null) {
            throw new IllegalArgumentException(node.describe() + ": cannot own a null resource");
        }
        owned.add(resource);
        return resource;
    }

    /** What the node owned so far, in order. */
    List<AutoCloseable> owned() {
        return List.copyOf(owned);
    }
}
