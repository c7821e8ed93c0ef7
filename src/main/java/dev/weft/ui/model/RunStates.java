package dev.weft.ui.model;

import dev.weft.exec.ExecutionEvent;
import dev.weft.nodes.PreviewFrame;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the runs did, as the editor shows it: per node a state, the latest preview frame and the
 * images it output; per run its progress; and a log. Fed executor events on the UI thread (after
 * coalescing). Node ids are the graph's; the API prompt's string ids are parsed back.
 */
public final class RunStates {
    /** Most log lines kept. */
    static final int LOG_LIMIT = 1000;

    private final Map<Integer, NodeRunState> nodes = new HashMap<>();
    private final Map<Integer, PreviewFrame> previews = new HashMap<>();
    private final Map<Integer, List<OutputImage>> images = new HashMap<>();
    private final Map<String, RunInfo> runs = new LinkedHashMap<>();
    private final Map<String, Collection<Integer>> runNodes = new HashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private PreviewFrame latestPreview;
    private OutputImage latestImage;
    private boolean imageIsNewest;
    private long version;

    public NodeRunState node(int id) {
        return nodes.getOrDefault(id, NodeRunState.IDLE);
    }

    public Optional<PreviewFrame> preview(int nodeId) {
        return Optional.ofNullable(previews.get(nodeId));
    }

    /** The newest preview of any node, for the preview panel. */
    public Optional<PreviewFrame> latestPreview() {
        return Optional.ofNullable(latestPreview);
    }

    /**
     * The newest image of any node, for the preview panel: a sampler's preview frame or an image a
     * node saved, whichever came last; empty before the first.
     */
    public Optional<Object> latestVisual() {
        return Optional.ofNullable(imageIsNewest ? latestImage : latestPreview);
    }

    public List<OutputImage> images(int nodeId) {
        return images.getOrDefault(nodeId, List.of());
    }

    /** Runs in submission order. */
    public List<RunInfo> runs() {
        return List.copyOf(runs.values());
    }

    public Optional<RunInfo> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public List<LogEntry> log() {
        return List.copyOf(log);
    }

    /** Increases on every change. */
    public long version() {
        return version;
    }

    public void addListener(Runnable l) {
        listeners.add(l);
    }

    /** A run was queued with these nodes (the prompt's nodes). */
    public void submitted(String runId, String label, Collection<Integer> nodeIds) {
        runs.put(runId, new RunInfo(runId, label, RunStatus.QUEUED, nodeIds.size(), 0, null, 0, 0, null));
        runNodes.put(runId, List.copyOf(nodeIds));
        for (int id : nodeIds) {
            nodes.put(id, new NodeRunState(NodeStatus.QUEUED, runId, 0, 0, null));
        }
        changed();
    }

    /** The engine refused a run: each problem lands on its node and in the log. */
    public void rejected(List<RunProblem> problems) {
        for (RunProblem p : problems) {
            if (p.nodeId() >= 0) {
                nodes.put(p.nodeId(), new NodeRunState(NodeStatus.ERROR, null, 0, 0, p.text()));
            }
            addLog(LogEntry.Level.ERROR, p.nodeId(), p.text());
        }
        changed();
    }

    public void info(String text) {
        addLog(LogEntry.Level.INFO, -1, text);
        changed();
    }

    public void warning(int nodeId, String text) {
        addLog(LogEntry.Level.WARNING, nodeId, text);
        changed();
    }

    /** Applies events in order; tells listeners once. */
    public void applyAll(List<ExecutionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        events.forEach(this::apply);
        changed();
    }

    private void apply(ExecutionEvent e) {
        String run = e.runId();
        if (e instanceof ExecutionEvent.Queued) {
            runs.computeIfPresent(run, (k, r) -> r.with(RunStatus.QUEUED));
        } else if (e instanceof ExecutionEvent.Started) {
            runs.computeIfPresent(run, (k, r) -> r.with(RunStatus.RUNNING));
        } else if (e instanceof ExecutionEvent.Cached c) {
            for (String id : c.nodeIds()) {
                nodeId(id).ifPresent(n -> nodes.put(n, new NodeRunState(NodeStatus.CACHED, run, 0, 0, null)));
            }
            runs.computeIfPresent(run, (k, r) -> r.plusFinished(c.nodeIds().size()));
        } else if (e instanceof ExecutionEvent.NodeStarted s) {
            nodeId(s.nodeId()).ifPresent(n -> nodes.put(n, new NodeRunState(NodeStatus.RUNNING, run, 0, 0, null)));
            runs.computeIfPresent(run, (k, r) -> r.withNode(s.nodeId(), 0, 0));
        } else if (e instanceof ExecutionEvent.Progress p) {
            nodeId(p.nodeId()).ifPresent(n -> nodes.put(n,
                    new NodeRunState(NodeStatus.RUNNING, run, p.value(), p.max(), null)));
            runs.computeIfPresent(run, (k, r) -> r.withNode(p.nodeId(), p.value(), p.max()));
        } else if (e instanceof ExecutionEvent.Preview p) {
            nodeId(p.nodeId()).ifPresent(n -> previews.put(n, p.frame()));
            latestPreview = p.frame();
            imageIsNewest = false;
        } else if (e instanceof ExecutionEvent.Executed x) {
            nodeId(x.nodeId()).ifPresent(n -> {
                nodes.put(n, new NodeRunState(NodeStatus.DONE, run, 0, 0, null));
                List<OutputImage> out = OutputImage.fromUi(x.ui());
                if (!out.isEmpty()) {
                    images.put(n, out);
                    latestImage = out.get(0);
                    imageIsNewest = true;
                }
            });
            runs.computeIfPresent(run, (k, r) -> r.plusFinished(1));
        } else if (e instanceof ExecutionEvent.NodeWarning w) {
            addLog(LogEntry.Level.WARNING, nodeId(w.nodeId()).orElse(-1), w.message());
        } else if (e instanceof ExecutionEvent.NodeError err) {
            int n = nodeId(err.nodeId()).orElse(-1);
            if (n >= 0) {
                nodes.put(n, new NodeRunState(NodeStatus.ERROR, run, 0, 0, err.message()));
            }
            addLog(LogEntry.Level.ERROR, n, err.kind() + ": " + err.message());
        } else if (e instanceof ExecutionEvent.Finished f) {
            RunStatus s = switch (f.outcome()) {
                case SUCCESS -> RunStatus.SUCCESS;
                case ERROR -> RunStatus.ERROR;
                case INTERRUPTED -> RunStatus.INTERRUPTED;
                case CANCELLED -> RunStatus.CANCELLED;
            };
            runs.computeIfPresent(run, (k, r) -> r.ended(s, f.elapsed()));
            settle(run);
            if (s != RunStatus.SUCCESS) {
                addLog(s == RunStatus.ERROR ? LogEntry.Level.ERROR : LogEntry.Level.INFO, -1,
                        "Run " + run + " ended: " + s.name().toLowerCase());
            }
        }
    }

    /** Nodes of an ended run that never got their turn go back to idle. */
    private void settle(String run) {
        for (int id : runNodes.getOrDefault(run, List.of())) {
            NodeRunState s = nodes.get(id);
            if (s != null && run.equals(s.runId())
                    && (s.status() == NodeStatus.QUEUED || s.status() == NodeStatus.RUNNING)) {
                nodes.put(id, NodeRunState.IDLE);
            }
        }
        runNodes.remove(run);
    }

    /** Forgets node states, previews and images (another document was opened). */
    public void clearNodes() {
        nodes.clear();
        previews.clear();
        images.clear();
        changed();
    }

    /** Forgets ended runs in the queue panel. */
    public void clearFinishedRuns() {
        runs.values().removeIf(r -> r.status().ended());
        changed();
    }

    /** The graph node id for a prompt node id: {@code "12"}, or {@code "12:0"} for an expansion of node 12. */
    static Optional<Integer> nodeId(String promptId) {
        if (promptId == null) {
            return Optional.empty();
        }
        int colon = promptId.indexOf(':');
        String head = colon < 0 ? promptId : promptId.substring(0, colon);
        try {
            return Optional.of(Integer.parseInt(head));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void addLog(LogEntry.Level level, int nodeId, String text) {
        log.add(new LogEntry(LocalTime.now(), level, nodeId, text));
        if (log.size() > LOG_LIMIT) {
            log.remove(0);
        }
    }

    private void changed() {
        version++;
        listeners.forEach(Runnable::run);
    }
}
