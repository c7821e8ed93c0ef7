package dev.weft.exec;

import dev.weft.workflow.ApiInput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The order nodes run in, as ComfyUI's {@code ExecutionList} picks it: a topological "dissolve"
 * from the run's outputs. Nodes whose output is already available (cached) are not added, and nor
 * are ancestors only they need. Among the nodes that are ready, the pick prefers, in turn,
 * <ol>
 *   <li>an output node,</li>
 *   <li>a node that feeds an output node directly (VAEDecode before PreviewImage),</li>
 *   <li>a node two steps from an output node (a VAE loader before that VAEDecode),</li>
 *   <li>else the ready node that was added first,</li>
 * </ol>
 * so results appear as early as possible. Nodes are added the way ComfyUI adds them (from each
 * output, a stack of link inputs in prompt order), which decides the last rule's ties.
 *
 * <p>Not thread-safe; the engine thread owns it.
 */
final class ExecutionList {
    private final ExecutionPlan plan;
    /** Pending nodes in the order they were added. */
    private final Set<String> pending = new LinkedHashSet<>();
    private final Map<String, Integer> blockCount = new HashMap<>();
    /** For each pending node, the pending nodes that wait for it (each once), in link order. */
    private final Map<String, Set<String>> blocking = new HashMap<>();

    /**
     * @param available whether a node's outputs exist already (from the cache), so it need not run
     */
    ExecutionList(ExecutionPlan plan, Predicate<String> available) {
        this.plan = plan;
        for (String output : plan.outputs()) {
            if (!available.test(output)) {
                add(output, available);
            }
        }
    }

    private void add(String start, Predicate<String> available) {
        Deque<String> stack = new ArrayDeque<>(List.of(start));
        List<String[]> links = new ArrayList<>();
        while (!stack.isEmpty()) {
            String id = stack.pop();
            if (pending.contains(id)) {
                continue;
            }
            pending.add(id);
            blockCount.put(id, 0);
            blocking.put(id, new LinkedHashSet<>());
            for (ApiInput.LinkRef l : plan.node(id).links().values()) {
                if (!available.test(l.nodeId())) {
                    stack.push(l.nodeId());
                    links.add(new String[] {l.nodeId(), id});
                }
            }
        }
        for (String[] link : links) {
            if (blocking.get(link[0]).add(link[1])) {
                blockCount.merge(link[1], 1, Integer::sum);
            }
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The nodes still to run, in the order they were added. */
    List<String> pending() {
        return List.copyOf(pending);
    }

    /**
     * The next node to run; call {@link #complete} once it ran.
     *
     * @throws IllegalStateException when nothing is ready although nodes are pending, which only a
     *     cycle can cause (validation rejects cycles, so this is a bug)
     */
    String next() {
        List<String> ready = pending.stream().filter(id -> blockCount.get(id) == 0).toList();
        if (ready.isEmpty()) {
            throw new IllegalStateException("no node can run next although " + pending + " are pending: a dependency cycle");
        }
        for (String id : ready) {
            if (isOutput(id)) {
                return id;
            }
        }
        for (String id : ready) {
            for (String blocked : blocking.get(id)) {
                if (isOutput(blocked)) {
                    return id;
                }
            }
        }
        for (String id : ready) {
            for (String blocked : blocking.get(id)) {
                for (String blocked2 : blocking.get(blocked)) {
                    if (isOutput(blocked2)) {
                        return id;
                    }
                }
            }
        }
        return ready.get(0);
    }

    /** Marks a node as run, unblocking the nodes that wait for it. */
    void complete(String id) {
        if (!pending.remove(id)) {
            throw new IllegalArgumentException("node " + id + " is not pending");
        }
        for (String blocked : blocking.remove(id)) {
            blockCount.merge(blocked, -1, Integer::sum);
        }
        blockCount.remove(id);
    }

    /** The whole order, for a plan where nothing is cached (for tests and dry runs). */
    static List<String> order(ExecutionPlan plan) {
        ExecutionList list = new ExecutionList(plan, id -> false);
        List<String> order = new ArrayList<>();
        while (!list.isEmpty()) {
            String id = list.next();
            order.add(id);
            list.complete(id);
        }
        return order;
    }

    private boolean isOutput(String id) {
        return plan.node(id).spec().outputNode();
    }
}
