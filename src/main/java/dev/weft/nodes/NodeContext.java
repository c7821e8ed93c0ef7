package dev.weft.nodes;

import com.google.gson.JsonObject;
import dev.weft.workflow.ApiPrompt;
import java.nio.file.Path;

/**
 * What a running node may use besides its inputs. Engine thread only; one context per node per run.
 */
public interface NodeContext {
    /** The node's id in the prompt. */
    String nodeId();

    /** The node's class_type. */
    String classType();

    /** Reports progress, e.g. sampler step {@code value} of {@code max}. */
    void progress(int value, int max);

    /**
     * Reports something the user should know that does not stop the node, e.g. LoRA keys that
     * match no layer of the model. The editor shows it in the run log on the node, {@code weft run}
     * prints it. One line, naming what it is about.
     */
    void warn(String message);

    /** Shows an intermediate image on the node (the latest frame wins in the UI). */
    void preview(PreviewFrame frame);

    /**
     * Throws {@link RunCancelledException} if the run was interrupted; nodes call it at points
     * where stopping is safe (every sampler step).
     */
    void checkCancelled();

    /** Models and input folders. */
    ModelFolders folders();

    /** Where SaveImage writes. */
    Path outputFolder();

    /** Where PreviewImage writes. */
    Path tempFolder();

    /** The prompt being run (SaveImage embeds it in PNGs). */
    ApiPrompt prompt();

    /** Extra PNG info such as {@code {"workflow": {...}}}; empty when the run has none. */
    JsonObject extraPngInfo();

    /**
     * Ties {@code resource} to this node's cached outputs: it is closed when those outputs leave
     * the cache (e.g. the NDManager that owns output tensors). Returns the resource.
     */
    <T extends AutoCloseable> T own(T resource);
}
