package dev.weft.ui.run;

import com.google.gson.JsonObject;
import dev.weft.graph.AppliedEdit;
import dev.weft.graph.Graph;
import dev.weft.ui.model.EditorModel;
import dev.weft.ui.model.RunInfo;
import dev.weft.ui.model.RunProblem;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.ControlAfterGenerate;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowWriter;
import dev.weft.workflow.WorkflowException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * Queues runs of the open workflow and keeps "run on change" going.
 *
 * <p>Run: exports the API prompt, submits it, then applies {@code control_after_generate} through
 * the history, as ComfyUI does after queueing. Run on change: an edit that changes the prompt
 * queues a run once edits have paused for {@link #CHANGE_DEBOUNCE}, after cancelling the earlier
 * run-on-change runs still queued or running (the change made them stale); the executor's cache
 * re-runs only the nodes the change invalidated. Runs queued on change do not apply
 * {@code control_after_generate}, or a randomized seed would queue run after run forever.
 *
 * <p>UI thread only; never waits on the engine.
 */
public final class RunController {
    /** Quiet time after the last edit before a run on change is queued. */
    public static final Duration CHANGE_DEBOUNCE = Duration.ofMillis(150);

    private final EditorModel model;
    private RunService service;
    private final DoubleSupplier random;
    private final Debouncer debouncer;
    private boolean runOnChange;
    private boolean applyingControls;
    private String lastChangePrompt;
    private final Set<String> changeRuns = new LinkedHashSet<>();

    /**
     * @param scheduler the UI thread's timer, for the debounce
     * @param random values in [0, 1) for randomized seeds and dynamic prompts
     */
    public RunController(EditorModel model, RunService service, Debouncer.Scheduler scheduler, DoubleSupplier random) {
        this.model = model;
        this.service = service;
        this.random = random;
        this.debouncer = new Debouncer(CHANGE_DEBOUNCE, scheduler, this::runChanged);
        model.addGraphListener(this::graphChanged);
        model.addDocumentListener(d -> {
            debouncer.cancel();
            lastChangePrompt = null;
        });
    }

    public RunService service() {
        return service;
    }

    /** Switches engines (the real executor replacing a stand-in, or a test's). */
    public void setService(RunService s) {
        service = s;
    }

    public boolean runOnChange() {
        return runOnChange;
    }

    /** Turns run on change on (queuing a run of the current state at once) or off. */
    public void setRunOnChange(boolean on) {
        runOnChange = on;
        lastChangePrompt = null;
        if (on) {
            debouncer.trigger();
        } else {
            debouncer.cancel();
        }
    }

    /**
     * Queues a run of the workflow as it is (the Run button).
     *
     * @return the run id, or empty when the workflow could not be exported or the engine refused
     *     it (the reasons are on the nodes and in the log)
     */
    public Optional<String> queue() {
        Optional<String> id = submit("Run", random);
        if (id.isPresent()) {
            applyingControls = true;
            try {
                ControlAfterGenerate.afterQueue(model.graph(), model.catalog(), random).ifPresent(model::perform);
            } finally {
                applyingControls = false;
            }
        }
        return id;
    }

    /** Stops the running run. */
    public void interrupt() {
        service.interrupt();
    }

    public boolean cancel(String runId) {
        return service.cancel(runId);
    }

    private void graphChanged(Graph g, AppliedEdit change) {
        if (runOnChange && !applyingControls) {
            debouncer.trigger();
        }
    }

    /** The debounced action of run on change. */
    private void runChanged() {
        if (!runOnChange) {
            return;
        }
        // dynamic prompts pick at random; compare with fixed picks so only real changes count
        String signature;
        try {
            signature = export(() -> 0.5).toJson().toString();
        } catch (WorkflowException e) {
            model.runs().rejected(List.of(new RunProblem(-1, null, e.getMessage(), null)));
            return;
        }
        if (signature.equals(lastChangePrompt)) {
            return;
        }
        for (String stale : new ArrayList<>(changeRuns)) {
            Optional<RunInfo> r = model.runs().run(stale);
            if (r.isPresent() && !r.get().status().ended()) {
                service.cancel(stale);
            }
            changeRuns.remove(stale);
        }
        Optional<String> id = submit("Run on change", random);
        if (id.isPresent()) {
            lastChangePrompt = signature;
            changeRuns.add(id.get());
        }
    }

    private Optional<String> submit(String label, DoubleSupplier choices) {
        ApiPrompt prompt;
        try {
            prompt = export(choices);
        } catch (WorkflowException e) {
            model.runs().rejected(List.of(new RunProblem(-1, null, e.getMessage(), null)));
            return Optional.empty();
        }
        JsonObject workflow = UiWorkflowWriter.toJson(model.graph());
        try {
            String id = service.submit(prompt, workflow);
            List<Integer> nodes = new ArrayList<>();
            for (String key : prompt.nodes().keySet()) {
                try {
                    nodes.add(Integer.parseInt(key));
                } catch (NumberFormatException e) {
                    // expansions such as "12:0" belong to a node that is already counted
                }
            }
            model.runs().submitted(id, label, nodes);
            return Optional.of(id);
        } catch (RunRejectedException e) {
            model.runs().rejected(e.problems());
            return Optional.empty();
        }
    }

    private ApiPrompt export(DoubleSupplier choices) throws WorkflowException {
        return PromptExporter.export(model.graph(), model.catalog(), PromptExporter.Options.forWeft().withRandom(choices));
    }
}
