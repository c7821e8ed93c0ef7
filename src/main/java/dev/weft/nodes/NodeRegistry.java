package dev.weft.nodes;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every node type Weft knows: its spec (from {@link NodeSpecFiles}) and the implementation bound to
 * it by class_type. Immutable and thread-safe: {@link #bind} and {@link #withFiles} return new
 * registries and leave this one as it was.
 *
 * <p>Every spec starts bound to a "not implemented yet" implementation, which fails with
 * {@link NodeFailure#notImplemented} when run, so a workflow that uses a node Weft cannot run yet
 * fails on that node with a clear message instead of being refused as unknown. Virtual node types
 * (specs with {@code "virtual": true}: Note, Reroute, PrimitiveNode) have no implementation at all:
 * the frontend's export drops them, so they never reach the executor.
 */
public final class NodeRegistry implements NodeSpecs {
    private final SortedMap<String, JsonObject> entries;
    private final SortedMap<String, NodeSpec> specs;
    private final Map<String, NodeImpl> impls;

    private NodeRegistry(SortedMap<String, JsonObject> entries, Map<String, NodeImpl> impls) {
        this.entries = entries;
        SortedMap<String, NodeSpec> parsed = new TreeMap<>();
        entries.forEach((type, entry) -> parsed.put(type, NodeSpec.parse(type, entry)));
        this.specs = Collections.unmodifiableSortedMap(parsed);
        this.impls = impls;
    }

    /**
     * The specs of {@code nodesFolder} when given, else the bundled ones, each non-virtual type bound
     * to "not implemented yet".
     *
     * @throws NodeSpecFileException naming the file when a spec file is malformed
     * @throws IllegalArgumentException naming the node type when an entry cannot be parsed as a spec
     */
    public static NodeRegistry load(Optional<Path> nodesFolder) {
        return of(NodeSpecFiles.load(nodesFolder));
    }

    /** A registry of the given {@code /object_info} entries (class_type to entry), as {@link #load} binds them. */
    public static NodeRegistry of(Map<String, JsonObject> entries) {
        SortedMap<String, JsonObject> copy = new TreeMap<>();
        entries.forEach((type, entry) -> copy.put(type, entry.deepCopy()));
        SortedMap<String, NodeImpl> impls = new TreeMap<>();
        for (Map.Entry<String, JsonObject> e : copy.entrySet()) {
            if (!isVirtual(e.getValue())) {
                impls.put(e.getKey(), new NotImplementedYet(e.getKey()));
            }
        }
        return new NodeRegistry(Collections.unmodifiableSortedMap(copy), Collections.unmodifiableMap(impls));
    }

    /**
     * A registry with {@code impl} bound to {@code classType} in place of its current binding.
     *
     * @throws IllegalArgumentException when no spec has that class_type (write the spec first, in
     *     {@code nodes/}), or the type is virtual and can never run
     */
    public NodeRegistry bind(String classType, NodeImpl impl) {
        JsonObject entry = entries.get(classType);
        if (entry == null) {
            throw new IllegalArgumentException("cannot bind an implementation to '" + classType
                    + "': there is no node spec of that type; add nodes/<category>/" + classType + ".json first");
        }
        if (isVirtual(entry)) {
            throw new IllegalArgumentException("cannot bind an implementation to '" + classType
                    + "': it is a virtual (frontend-only) node that never runs");
        }
        if (impl == null) {
            throw new IllegalArgumentException("cannot bind a null implementation to '" + classType + "'");
        }
        SortedMap<String, NodeImpl> next = new TreeMap<>(impls);
        next.put(classType, impl);
        return new NodeRegistry(entries, Collections.unmodifiableMap(next));
    }

    @Override
    public Optional<NodeSpec> find(String classType) {
        return Optional.ofNullable(specs.get(classType));
    }

    /** The implementation bound to a type; empty for virtual and unknown types. */
    public Optional<NodeImpl> impl(String classType) {
        return Optional.ofNullable(impls.get(classType));
    }

    /** Whether a type has a real implementation (not the "not implemented yet" placeholder). */
    public boolean implemented(String classType) {
        NodeImpl impl = impls.get(classType);
        return impl != null && !(impl instanceof NotImplementedYet);
    }

    /** Whether a type is a frontend-only node (Note, Reroute, PrimitiveNode) that never runs. */
    public boolean isVirtual(String classType) {
        JsonObject entry = entries.get(classType);
        return entry != null && isVirtual(entry);
    }

    /** Every spec by class_type, sorted, unmodifiable. */
    public SortedMap<String, NodeSpec> specs() {
        return specs;
    }

    /**
     * The same bindings with every file combo filled from {@code folders} (see {@link FileChoices}).
     * Reads the disk once per file list, now; call again to see files added later.
     */
    public NodeRegistry withFiles(ModelFolders folders) {
        SortedMap<String, JsonObject> filled = FileChoices.fillAll(entries, folders);
        return new NodeRegistry(Collections.unmodifiableSortedMap(filled), impls);
    }

    private static boolean isVirtual(JsonObject entry) {
        JsonElement v = entry.get("virtual");
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean();
    }

    /** Placeholder for types that are specified but cannot run yet. */
    private record NotImplementedYet(String classType) implements NodeImpl {
        @Override
        public NodeResult execute(NodeContext ctx, NodeInputs inputs) throws NodeFailure {
            throw NodeFailure.notImplemented(classType);
        }
    }
}
