package dev.weft.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.NodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRegistryTest {
    private static final Set<String> VIRTUAL = Set.of("Note", "Reroute", "PrimitiveNode");

    @TempDir
    Path temp;

    private static NodeRegistry projectRegistry() {
        return NodeRegistry.load(Optional.of(SpecJson.PROJECT_NODES));
    }

    @Test
    void everySpecHasAnImplementationBindingAndEveryBindingHasASpec() {
        NodeRegistry registry = projectRegistry();
        List<String> unbound = new ArrayList<>();
        for (String type : registry.specs().keySet()) {
            if (registry.isVirtual(type) != registry.impl(type).isEmpty()) {
                unbound.add(type);
            }
        }
        assertEquals(List.of(), unbound, "specs without a binding (or virtual specs with one)");
        for (String type : List.of("KSampler", "CheckpointLoaderSimple", "LoraStack", "SaveImage", "Canny")) {
            assertTrue(registry.impl(type).isPresent(), type);
        }
        assertTrue(registry.impl("NoSuchNode").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> registry.bind("NoSuchNode", (ctx, in) -> NodeResult.of()));
    }

    @Test
    void theVirtualFrontendNodesAreKnownButNeverRunnable() {
        NodeRegistry registry = projectRegistry();
        for (String type : VIRTUAL) {
            assertTrue(registry.find(type).isPresent(), type);
            assertTrue(registry.isVirtual(type), type);
            assertTrue(registry.impl(type).isEmpty(), type);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.bind("Note", (ctx, in) -> NodeResult.of()));
        assertTrue(e.getMessage().contains("virtual"), e.getMessage());
    }

    @Test
    void typesStartAsNotImplementedYetAndFailWithThatMessage() {
        NodeRegistry registry = projectRegistry();
        assertFalse(registry.implemented("KSampler"));
        NodeFailure f = assertThrows(NodeFailure.class, () -> registry.impl("KSampler").orElseThrow().execute(null, null));
        assertEquals("KSampler is not implemented yet in Weft", f.getMessage());
    }

    @Test
    void bindReturnsANewRegistryAndLeavesTheOldOneAsItWas() {
        NodeRegistry before = projectRegistry();
        NodeImpl impl = (ctx, in) -> NodeResult.of("x");

        NodeRegistry after = before.bind("VAEDecode", impl);

        assertSame(impl, after.impl("VAEDecode").orElseThrow());
        assertTrue(after.implemented("VAEDecode"));
        assertFalse(before.implemented("VAEDecode"));
        assertEquals(before.specs().keySet(), after.specs().keySet());
    }

    @Test
    void withFilesFillsFileCombosAndKeepsTheBindings() throws IOException {
        Files.createDirectories(temp.resolve("models/checkpoints"));
        Files.write(temp.resolve("models/checkpoints/sd15.safetensors"), new byte[0]);
        NodeImpl impl = (ctx, in) -> NodeResult.of("m", "c", "v");
        NodeRegistry registry = projectRegistry().bind("CheckpointLoaderSimple", impl);

        NodeRegistry filled = registry.withFiles(new ModelFolders(temp.resolve("models"), temp.resolve("input")));

        NodeSpec spec = filled.find("CheckpointLoaderSimple").orElseThrow();
        assertEquals(List.of("sd15.safetensors"), spec.input("ckpt_name").orElseThrow().stringChoices());
        assertEquals(List.of(), registry.find("CheckpointLoaderSimple").orElseThrow()
                .input("ckpt_name").orElseThrow().stringChoices());
        assertSame(impl, filled.impl("CheckpointLoaderSimple").orElseThrow());
    }

    @Test
    void theBundledSpecsAreTheProjectsSpecs() {
        assertEquals(projectRegistry().specs().keySet(), NodeRegistry.load(Optional.empty()).specs().keySet());
    }
}
