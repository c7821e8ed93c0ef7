package dev.weft.exec;

import dev.weft.nodes.MissingFileException;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeResult;
import dev.weft.nodes.RunCancelledException;
import dev.weft.workflow.ApiInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one validated prompt on the engine thread, as ComfyUI's {@code PromptExecutor.execute}:
 * <ol>
 *   <li>each node's fingerprint is computed and its cache key formed ({@link Signatures});</li>
 *   <li>cache entries this run does not use are evicted (their resources closed), so the cache
 *       holds the results of the latest run only;</li>
 *   <li>the nodes whose results are cached are announced ({@link ExecutionEvent.Cached}, then
 *       {@link ExecutionEvent.Executed} for those with UI output);</li>
 *   <li>the rest run in {@link ExecutionList} order, the interrupt flag checked before each;</li>
 *   <li>the first failure ends the run and is reported on its node; every result computed so far
 *       stays cached, so the next run resumes after what succeeded.</li>
 * </ol>
 * The caller posts {@link ExecutionEvent.Finished}.
 */
final class RunExecution {
    private static final System.Logger LOG = System.getLogger(RunExecution.class.getName());

    private final QueuedRun run;
    private final ExecutionPlan plan;
    private final ExecutorConfig config;
    private final OutputCache cache;
    private final EventChannel events;

    RunExecution(QueuedRun run, ExecutorConfig config, OutputCache cache, EventChannel events) {
        this.run = run;
        this.plan = run.plan();
        this.config = config;
        this.cache = cache;
        this.events = events;
    }

    ExecutionEvent.Outcome execute() {
        Map<String, Object> fingerprints = new LinkedHashMap<>();
        for (PlannedNode n : plan.nodes().values()) {
            if (run.interrupted()) {
                return ExecutionEvent.Outcome.INTERRUPTED;
            }
            try {
                fingerprints.put(n.id(), n.impl().fingerprint(new InputValues(n.describe(), n.constants()),
                        new NodeRun(run, n, config, events, false)));
            } catch (RunCancelledException e) {
                return ExecutionEvent.Outcome.INTERRUPTED;
            } catch (Exception | LinkageError | OutOfMemoryError e) {
                return fail(n, e);
            }
        }
        Signatures signatures = new Signatures(plan, fingerprints);
        Set<Object> used = new HashSet<>();
        plan.nodes().keySet().forEach(id -> used.add(signatures.key(id)));
        cache.retainOnly(used);

        List<String> cached = plan.nodes().keySet().stream().filter(id -> cache.has(signatures.key(id))).toList();
        events.post(new ExecutionEvent.Cached(run.id(), cached));
        for (String id : cached) {
            announceCachedUi(id, signatures);
        }

        ExecutionList order = new ExecutionList(plan, id -> cache.has(signatures.key(id)));
        while (!order.isEmpty()) {
            if (run.interrupted()) {
                return ExecutionEvent.Outcome.INTERRUPTED;
            }
            String id = order.next();
            Object key = signatures.key(id);
            if (cache.has(key)) { // an identical node earlier in this run computed it already
                events.post(new ExecutionEvent.Cached(run.id(), List.of(id)));
                announceCachedUi(id, signatures);
            } else {
                ExecutionEvent.Outcome failed = executeNode(plan.node(id), key, signatures);
                if (failed != null) {
                    return failed;
                }
            }
            order.complete(id);
        }
        return ExecutionEvent.Outcome.SUCCESS;
    }

    private void announceCachedUi(String id, Signatures signatures) {
        cache.get(signatures.key(id)).filter(e -> e.ui().size() > 0)
                .ifPresent(e -> events.post(new ExecutionEvent.Executed(run.id(), id, e.ui())));
    }

    /** Runs one node; returns null on success, else how the run ends. */
    private ExecutionEvent.Outcome executeNode(PlannedNode n, Object key, Signatures signatures) {
        events.post(new ExecutionEvent.NodeStarted(run.id(), n.id()));
        NodeRun ctx = new NodeRun(run, n, config, events, true);
        try {
            NodeResult result = n.impl().execute(ctx, new InputValues(n.describe(), inputs(n, signatures)));
            if (result == null || result.outputs().size() != n.spec().outputs().size()) {
                throw new IllegalStateException(n.classType() + " returned "
                        + (result == null ? "nothing" : result.outputs().size() + " outputs") + " but its spec declares "
                        + n.spec().outputs().size());
            }
            cache.put(key, new OutputCache.Entry(result.outputs(), result.ui(), ctx.owned()));
            events.post(new ExecutionEvent.Executed(run.id(), n.id(), result.ui()));
            return null;
        } catch (RunCancelledException e) {
            OutputCache.close(ctx.owned());
            return ExecutionEvent.Outcome.INTERRUPTED;
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            OutputCache.close(ctx.owned());
            return fail(n, e);
        }
    }

    /** Constants plus each linked input's upstream output, in prompt order. */
    private Map<String, Object> inputs(PlannedNode n, Signatures signatures) {
        Map<String, Object> values = new LinkedHashMap<>(n.constants());
        for (Map.Entry<String, ApiInput.LinkRef> e : n.links().entrySet()) {
            ApiInput.LinkRef l = e.getValue();
            OutputCache.Entry upstream = cache.get(signatures.key(l.nodeId())).orElseThrow(() -> new IllegalStateException(
                    "the output of node " + l.nodeId() + " is missing when " + n.describe() + " runs"));
            values.put(e.getKey(), upstream.outputs().get(l.slot()));
        }
        return values;
    }

    /** Reports a node's failure on the node and ends the run with an error. */
    private ExecutionEvent.Outcome fail(PlannedNode n, Throwable e) {
        String message;
        if (e instanceof NodeFailure f) {
            message = n.describe() + (f.input() == null ? "" : ", input " + f.input()) + ": " + f.getMessage();
        } else if (e instanceof MissingFileException m) {
            String input = inputNaming(n, m.name());
            message = n.describe() + (input == null ? "" : ", input " + input) + ": " + m.getMessage();
        } else {
            LOG.log(System.Logger.Level.DEBUG, "internal error in " + n.describe(), e);
            message = "internal error in " + n.describe() + ": " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (e instanceof OutOfMemoryError) {
                cache.clear();
                message += "; Weft freed its cached results, try again or use smaller images";
            }
        }
        events.post(new ExecutionEvent.NodeError(run.id(), n.id(), e.getClass().getName(), message));
        return ExecutionEvent.Outcome.ERROR;
    }

    /** The constant input whose value is the missing file's name, if any. */
    private static String inputNaming(PlannedNode n, String fileName) {
        List<String> matches = new ArrayList<>();
        n.constants().forEach((name, v) -> {
            if (fileName.equals(v)) {
                matches.add(name);
            }
        });
        return matches.isEmpty() ? null : matches.get(0);
    }
}
