package dev.weft.ui.model;

import com.google.gson.JsonObject;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import dev.weft.nodes.FileChoices;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.nodes.NodeSpecFiles;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The node types the editor offers, with their file combos (checkpoints, LoRAs, input images)
 * filled from the models and input folders at the time the catalog was made. Immutable; make a
 * new one when the folders change.
 */
public final class SpecCatalog implements NodeSpecs {
    private final SortedMap<String, NodeSpec> specs;

    private SpecCatalog(SortedMap<String, NodeSpec> specs) {
        this.specs = Collections.unmodifiableSortedMap(specs);
    }

    /** Parses {@code /object_info}-style entries (class name to entry). */
    public static SpecCatalog of(Map<String, JsonObject> entries) {
        SortedMap<String, NodeSpec> m = new TreeMap<>();
        entries.forEach((type, entry) -> m.put(type, NodeSpec.parse(type, entry)));
        return new SpecCatalog(m);
    }

    /**
     * The specs from {@code nodesFolder} (or the bundled ones), with file lists filled from
     * {@code folders}. Reads the disk.
     */
    public static SpecCatalog load(Optional<Path> nodesFolder, ModelFolders folders) {
        return of(FileChoices.fillAll(NodeSpecFiles.load(nodesFolder), folders));
    }

    /** The specs of a registry, with file lists filled from {@code folders}. Reads the disk. */
    public static SpecCatalog of(NodeRegistry registry, ModelFolders folders) {
        return new SpecCatalog(new TreeMap<>(registry.withFiles(folders).specs()));
    }

    @Override
    public Optional<NodeSpec> find(String classType) {
        return Optional.ofNullable(specs.get(classType));
    }

    /** Every spec, sorted by class type. */
    public Collection<NodeSpec> all() {
        return specs.values();
    }

    public int size() {
        return specs.size();
    }
}
