package dev.weft.exec;

import com.google.gson.JsonElement;
import dev.weft.graph.InputSection;
import dev.weft.graph.InputSpec;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.OutputSpec;
import dev.weft.graph.SocketTypes;
import dev.weft.nodes.FileList;
import dev.weft.nodes.MissingFileException;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiInput;
import dev.weft.workflow.ApiNode;
import dev.weft.workflow.ApiPrompt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a prompt as ComfyUI's {@code validate_prompt} does and turns it into an
 * {@link ExecutionPlan}.
 *
 * <ol>
 *   <li>Every node's class_type must be a known, non-virtual type ({@code missing_node_type}); when
 *       one is not, nothing else is checked, as in ComfyUI.</li>
 *   <li>The run is for the requested targets, else for every output node
 *       ({@code prompt_no_outputs} when there is none).</li>
 *   <li>From those nodes back through their links, each node is checked once: required inputs
 *       present, links well formed, pointing at an existing node's existing output of a compatible
 *       type, constants converted and within range and choices ({@link ConstantInputs}), files
 *       present (an input image must exist; a model file must be in its folder's list), LoRA stack
 *       rows valid. Inputs the spec does not declare are ignored, as ComfyUI ignores them.</li>
 *   <li>The nodes to run must not feed each other in a loop ({@code dependency_cycle}).</li>
 * </ol>
 * Every problem found is reported, not just the first. Nodes that no output needs are not checked.
 */
final class PromptValidator {
    private final ApiPrompt prompt;
    private final NodeRegistry registry;
    private final ModelFolders folders;
    private final List<ValidationError> errors = new ArrayList<>();

    /** @param ok the plan when the report has no errors */
    record Result(ValidationReport report, Optional<ExecutionPlan> ok) {
    }

    private PromptValidator(ApiPrompt prompt, NodeRegistry registry, ModelFolders folders) {
        this.prompt = prompt;
        this.registry = registry;
        this.folders = folders;
    }

    /**
     * @param registry the node types, with file combos filled from {@code folders}
     * @param targets  nodes to run with their ancestors; empty for every output node
     */
    static Result validate(ApiPrompt prompt, Set<String> targets, NodeRegistry registry, ModelFolders folders) {
        return new PromptValidator(prompt, registry, folders).run(targets);
    }

    private Result run(Set<String> targets) {
        checkTypes();
        if (!errors.isEmpty()) {
            return result(null);
        }
        List<String> outputs = outputs(targets);
        if (!errors.isEmpty()) {
            return result(null);
        }
        Map<String, PlannedNode> planned = new LinkedHashMap<>();
        Deque<String> work = new ArrayDeque<>(outputs);
        Set<String> seen = new LinkedHashSet<>(outputs);
        while (!work.isEmpty()) {
            String id = work.pop();
            PlannedNode n = checkNode(id, prompt.nodes().get(id));
            planned.put(id, n);
            for (ApiInput.LinkRef l : n.links().values()) {
                if (seen.add(l.nodeId())) {
                    work.add(l.nodeId());
                }
            }
        }
        Map<String, PlannedNode> inPromptOrder = new LinkedHashMap<>();
        prompt.nodes().keySet().stream().filter(planned::containsKey).forEach(id -> inPromptOrder.put(id, planned.get(id)));
        checkCycles(inPromptOrder);
        return result(errors.isEmpty() ? new ExecutionPlan(prompt, inPromptOrder, outputs) : null);
    }

    /** The report lists problems of the whole prompt first, then by node in prompt order. */
    private Result result(ExecutionPlan plan) {
        List<String> order = List.copyOf(prompt.nodes().keySet());
        List<ValidationError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(e -> e.nodeId() == null ? -1 : order.indexOf(e.nodeId())));
        return new Result(new ValidationReport(sorted), Optional.ofNullable(plan));
    }

    private void checkTypes() {
        prompt.nodes().forEach((id, n) -> {
            if (registry.isVirtual(n.classType())) {
                errors.add(new ValidationError(id, n.classType(), NodeNames.title(n, registry), null,
                        ValidationKind.MISSING_NODE_TYPE.id(), n.classType() + " is a frontend-only node and never runs",
                        "remove it from the prompt (exporting from the editor leaves it out)"));
            } else if (registry.find(n.classType()).isEmpty()) {
                errors.add(new ValidationError(id, n.classType(), NodeNames.title(n, registry), null,
                        ValidationKind.MISSING_NODE_TYPE.id(), "Weft has no node type '" + n.classType() + "'",
                        "replace or remove the node; 'weft nodes' lists the types Weft knows"));
            }
        });
    }

    private List<String> outputs(Set<String> targets) {
        if (!targets.isEmpty()) {
            for (String t : targets) {
                if (!prompt.nodes().containsKey(t)) {
                    errors.add(new ValidationError(null, null, null, null, ValidationKind.INVALID_PROMPT.id(),
                            "run target '" + t + "' is not a node of the prompt",
                            "choose among the prompt's node ids: " + String.join(", ", prompt.nodes().keySet())));
                }
            }
            return prompt.nodes().keySet().stream().filter(targets::contains).toList();
        }
        List<String> outputs = prompt.nodes().entrySet().stream()
                .filter(e -> spec(e.getValue()).outputNode()).map(Map.Entry::getKey).toList();
        if (outputs.isEmpty()) {
            errors.add(new ValidationError(null, null, null, null, ValidationKind.PROMPT_NO_OUTPUTS.id(),
                    "the prompt has no output node, so nothing would run",
                    "add an output node such as SaveImage or PreviewImage and connect it"));
        }
        return outputs;
    }

    private NodeSpec spec(ApiNode n) {
        return registry.find(n.classType()).orElseThrow();
    }

    // ---- one node

    private PlannedNode checkNode(String id, ApiNode node) {
        NodeSpec spec = spec(node);
        String title = NodeNames.title(node, registry);
        NodeErrors out = new NodeErrors(id, node.classType(), title);
        Map<String, Object> constants = new LinkedHashMap<>();
        Map<String, ApiInput.LinkRef> links = new LinkedHashMap<>();
        for (InputSpec in : spec.inputs()) {
            if (in.section() == InputSection.HIDDEN) {
                continue;
            }
            ApiInput value = node.inputs().get(in.name());
            if (value == null) {
                if (in.section() == InputSection.REQUIRED) {
                    out.add(in.name(), ValidationKind.REQUIRED_INPUT_MISSING, "required input is missing",
                            in.isWidget() ? "set " + in.name() + " (" + in.type() + ")"
                                    : "connect an output of type " + in.type() + " to " + in.name());
                }
            } else if (value instanceof ApiInput.LinkRef l) {
                if (checkLink(out, in, l)) {
                    links.put(in.name(), l);
                }
            } else {
                checkConstant(out, in, (ApiInput.Constant) value).ifPresent(v -> constants.put(in.name(), v));
            }
        }
        errors.addAll(out.errors);
        Map<String, Object> orderedConstants = new LinkedHashMap<>();
        Map<String, ApiInput.LinkRef> orderedLinks = new LinkedHashMap<>();
        for (String name : node.inputs().keySet()) {
            if (constants.containsKey(name)) {
                orderedConstants.put(name, constants.get(name));
            } else if (links.containsKey(name)) {
                orderedLinks.put(name, links.get(name));
            }
        }
        return new PlannedNode(id, node.classType(), title, spec, registry.impl(node.classType()).orElseThrow(),
                orderedConstants, orderedLinks);
    }

    private boolean checkLink(NodeErrors out, InputSpec in, ApiInput.LinkRef l) {
        ApiNode origin = prompt.nodes().get(l.nodeId());
        if (origin == null) {
            out.add(in.name(), ValidationKind.BAD_LINKED_INPUT,
                    "links to node " + l.nodeId() + ", which is not in the prompt",
                    "connect " + in.name() + " to an output of type " + in.type() + " of a node in the prompt");
            return false;
        }
        NodeSpec originSpec = spec(origin);
        String originName = NodeNames.describe(l.nodeId(), NodeNames.title(origin, registry), origin.classType());
        List<OutputSpec> outs = originSpec.outputs();
        if (l.slot() < 0 || l.slot() >= outs.size()) {
            out.add(in.name(), ValidationKind.BAD_LINKED_INPUT,
                    "links to output " + l.slot() + " of " + originName + ", which has "
                            + (outs.isEmpty() ? "no outputs" : "outputs 0 to " + (outs.size() - 1)),
                    outs.isEmpty() ? "connect " + in.name() + " to a node that has outputs"
                            : "connect " + in.name() + " to one of its outputs: "
                            + outs.stream().map(o -> o.index() + " " + o.type()).collect(Collectors.joining(", ")));
            return false;
        }
        String type = outs.get(l.slot()).type();
        if (!SocketTypes.compatible(type, in.type())) {
            out.add(in.name(), ValidationKind.RETURN_TYPE_MISMATCH,
                    "output " + l.slot() + " of " + originName + " is " + type + ", but this input takes " + in.type(),
                    "connect an output of type " + in.type() + " to " + in.name());
            return false;
        }
        return true;
    }

    private Optional<Object> checkConstant(NodeErrors out, InputSpec in, ApiInput.Constant c) {
        if (c.value().isJsonArray()) {
            out.add(in.name(), ValidationKind.BAD_LINKED_INPUT, ConstantInputs.shown(c.value())
                            + " is a list, which a prompt reads as a link, but it is not [\"node_id\", output_slot]",
                    "link as [\"node_id\", slot], or give a list value as {\"__value__\": [...]}");
            return Optional.empty();
        }
        JsonElement raw = c.unwrapped();
        Optional<FileList> files = FileInputs.list(in);
        if (files.isPresent() && files.get() == FileList.INPUT) {
            return checkInputImage(out, in, raw);
        }
        ConstantInputs.Outcome outcome = ConstantInputs.read(in, raw);
        if (outcome instanceof ConstantInputs.Problem p) {
            if (files.isPresent() && p.kind() == ValidationKind.VALUE_NOT_IN_LIST) {
                out.add(in.name(), p.kind(), ConstantInputs.shown(raw) + " is not in the " + files.get().key() + " folder",
                        FileInputs.fix(raw.isJsonPrimitive() ? raw.getAsString() : raw.toString(), files.get(), folders,
                                in.stringChoices()));
            } else {
                out.add(in.name(), p.kind(), p.message(), p.fix());
            }
            return Optional.empty();
        }
        Object value = ((ConstantInputs.Value) outcome).value();
        if (LoraRows.isRowList(in)) {
            LoraRows.check(in, (JsonElement) value, folders).forEach(p -> out.add(p.input(), p.kind(), p.message(), p.fix()));
        }
        return Optional.of(value);
    }

    /**
     * LoadImage's own check, as ComfyUI's VALIDATE_INPUTS: the file must exist in the input folder;
     * the choice list is not consulted (an image may have been added since it was filled).
     */
    private Optional<Object> checkInputImage(NodeErrors out, InputSpec in, JsonElement raw) {
        if (!raw.isJsonPrimitive() || !raw.getAsJsonPrimitive().isString()) {
            out.add(in.name(), ValidationKind.INVALID_INPUT_TYPE, ConstantInputs.shown(raw) + " is not a file name",
                    "choose an image file from " + folders.inputFolder());
            return Optional.empty();
        }
        String name = raw.getAsString();
        try {
            folders.resolveInput(name);
            return Optional.of(name);
        } catch (MissingFileException e) {
            out.add(in.name(), ValidationKind.CUSTOM_VALIDATION_FAILED,
                    "invalid image file: '" + name + "' is not in the input folder",
                    FileInputs.fix(name, FileList.INPUT, folders, in.stringChoices()));
        } catch (RuntimeException e) {
            out.add(in.name(), ValidationKind.EXCEPTION_DURING_VALIDATION, e.getMessage(),
                    "choose an image file from " + folders.inputFolder());
        }
        return Optional.empty();
    }

    // ---- the whole run

    /** Reports each loop among the nodes to run once, naming its nodes in link order. */
    private void checkCycles(Map<String, PlannedNode> nodes) {
        Map<String, Integer> state = new LinkedHashMap<>(); // absent = new, 1 = on the path, 2 = done
        for (String start : nodes.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<ApiInput.LinkRef>> pending = new ArrayDeque<>();
            path.push(start);
            pending.push(nodes.get(start).links().values().iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                Iterator<ApiInput.LinkRef> it = pending.peek();
                if (!it.hasNext()) {
                    state.put(path.pop(), 2);
                    pending.pop();
                    continue;
                }
                String next = it.next().nodeId();
                Integer s = state.get(next);
                if (s == null) {
                    state.put(next, 1);
                    path.push(next);
                    pending.push(nodes.get(next).links().values().iterator());
                } else if (s == 1) {
                    reportCycle(nodes, path, next);
                }
            }
        }
    }

    private void reportCycle(Map<String, PlannedNode> nodes, Deque<String> path, String repeated) {
        // From the top of the stack down, each node feeds the one below it, and 'repeated' feeds the top.
        List<String> loop = new ArrayList<>(List.of(repeated));
        for (String id : path) {
            if (id.equals(repeated)) {
                break;
            }
            loop.add(id);
        }
        loop.add(repeated);
        PlannedNode first = nodes.get(repeated);
        errors.add(new ValidationError(first.id(), first.classType(), first.title(), null,
                ValidationKind.DEPENDENCY_CYCLE.id(),
                "nodes " + String.join(" -> ", loop) + " feed each other in a loop, so none of them can run first",
                "remove one of the links of the loop"));
    }

    /** Collects the problems of one node. */
    private static final class NodeErrors {
        private final String id;
        private final String classType;
        private final String title;
        private final List<ValidationError> errors = new ArrayList<>();

        NodeErrors(String id, String classType, String title) {
            this.id = id;
            this.classType = classType;
            this.title = title;
        }

        void add(String input, ValidationKind kind, String message, String fix) {
            errors.add(new ValidationError(id, classType, title, input, kind.id(), message, fix));
        }
    }
}
