package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.graph.Graph;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code io} (file-writing helpers) is a base every layer may use; it uses none. The layers point one way: {@code graph <- workflow <- nodes <- exec <- ui/cli}; the engine is
 * used only by node implementations ({@code nodes.builtin}), the CLI and benchmarks, and itself uses
 * none of the layers above it; JavaFX stays in {@code ui} and {@code cli}; DJL stays with the engine
 * and its users. Checked on the compiled main classes, so fully qualified names and generic type
 * arguments count too.
 */
class ArchitectureTest {
    /** Where a class belongs; LIBRARY is the JDK and other libraries, STRAY a Weft package in no layer. */
    enum Layer {
        IO, GRAPH, WORKFLOW, NODES, NODES_BUILTIN, EXEC, ENGINE, UI, CLI, BENCH, JAVAFX, DJL, LIBRARY, STRAY
    }

    /** What each layer may use besides itself and the JDK and other libraries (Gson, ...). */
    static final Map<Layer, Set<Layer>> ALLOWED = Map.ofEntries(
            Map.entry(Layer.IO, EnumSet.noneOf(Layer.class)),
            Map.entry(Layer.GRAPH, EnumSet.noneOf(Layer.class)),
            Map.entry(Layer.WORKFLOW, EnumSet.of(Layer.GRAPH)),
            Map.entry(Layer.NODES, EnumSet.of(Layer.GRAPH, Layer.WORKFLOW)),
            Map.entry(Layer.NODES_BUILTIN, EnumSet.of(Layer.GRAPH, Layer.WORKFLOW, Layer.NODES, Layer.ENGINE, Layer.DJL)),
            Map.entry(Layer.EXEC, EnumSet.of(Layer.GRAPH, Layer.WORKFLOW, Layer.NODES)),
            Map.entry(Layer.ENGINE, EnumSet.of(Layer.DJL)),
            Map.entry(Layer.UI, EnumSet.of(Layer.GRAPH, Layer.WORKFLOW, Layer.NODES, Layer.EXEC, Layer.JAVAFX)),
            Map.entry(Layer.CLI, EnumSet.of(Layer.GRAPH, Layer.WORKFLOW, Layer.NODES, Layer.NODES_BUILTIN, Layer.EXEC, Layer.ENGINE,
                    Layer.UI, Layer.BENCH, Layer.JAVAFX, Layer.DJL)),
            Map.entry(Layer.BENCH, EnumSet.of(Layer.GRAPH, Layer.WORKFLOW, Layer.NODES, Layer.NODES_BUILTIN, Layer.EXEC,
                    Layer.ENGINE, Layer.DJL)));

    static Layer layer(String className) {
        if (className.startsWith("javafx.")) {
            return Layer.JAVAFX;
        }
        if (className.startsWith("ai.djl.")) {
            return Layer.DJL;
        }
        if (!className.startsWith("dev.weft.")) {
            return Layer.LIBRARY;
        }
        String rest = className.substring("dev.weft.".length());
        String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
        return switch (top) {
            case "io" -> Layer.IO;
            case "graph" -> Layer.GRAPH;
            case "workflow" -> Layer.WORKFLOW;
            case "nodes" -> rest.startsWith("nodes.builtin.") ? Layer.NODES_BUILTIN : Layer.NODES;
            case "exec" -> Layer.EXEC;
            case "engine" -> Layer.ENGINE;
            case "ui" -> Layer.UI;
            case "cli" -> Layer.CLI;
            case "bench" -> Layer.BENCH;
            default -> Layer.STRAY;
        };
    }

    /** Every reference that breaks a rule, as {@code from -> to (FROM may not use TO)}. */
    static List<String> violations(Map<String, Set<String>> dependencies) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : dependencies.entrySet()) {
            Layer from = layer(e.getKey());
            if (from == Layer.STRAY) {
                out.add(e.getKey() + " is in no layer; put it in one of graph, workflow, nodes, exec, engine, ui, cli, bench");
                continue;
            }
            if (from == Layer.LIBRARY) {
                continue;
            }
            for (String target : e.getValue()) {
                Layer to = layer(target);
                if (to != from && to != Layer.LIBRARY && to != Layer.STRAY && to != Layer.IO
                        && !ALLOWED.get(from).contains(to)) {
                    out.add(e.getKey() + " -> " + target + " (" + from + " may not use " + to + ")");
                }
            }
        }
        return out;
    }

    private static Path mainClasses() throws URISyntaxException {
        return Path.of(Graph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void mainClassesKeepTheLayering() throws Exception {
        Map<String, Set<String>> deps = ClassFileDependencies.scan(mainClasses());

        assertTrue(deps.size() > 100, "found " + deps.size() + " classes in " + mainClasses());
        assertTrue(deps.get("dev.weft.exec.Executor").contains("dev.weft.nodes.NodeRegistry"), "the scan sees references");
        assertEquals(List.of(), violations(deps));
    }

    @Test
    void theRulesCatchEachForbiddenDirection() {
        Map<String, Set<String>> bad = Map.of(
                "dev.weft.graph.Node", Set.of("javafx.scene.Node", "dev.weft.workflow.JsonIo"),
                "dev.weft.workflow.X", Set.of("dev.weft.engine.tensor.Weights", "ai.djl.ndarray.NDArray"),
                "dev.weft.engine.unet.UNet", Set.of("dev.weft.exec.Executor", "dev.weft.nodes.NodeInputs"),
                "dev.weft.exec.Y", Set.of("ai.djl.ndarray.NDArray", "dev.weft.engine.tensor.Weights", "dev.weft.cli.Main"),
                "dev.weft.ui.Canvas", Set.of("dev.weft.engine.tensor.Weights", "dev.weft.cli.Main"),
                "dev.weft.nodes.NodeRegistry", Set.of("dev.weft.engine.tensor.Weights", "dev.weft.exec.Executor"),
                "dev.weft.Stray", Set.of());

        List<String> v = violations(bad);

        assertEquals(14, v.size(), String.join("\n", v));
        assertTrue(v.contains("dev.weft.graph.Node -> javafx.scene.Node (GRAPH may not use JAVAFX)"), v.toString());
        assertTrue(v.contains("dev.weft.engine.unet.UNet -> dev.weft.exec.Executor (ENGINE may not use EXEC)"), v.toString());
        assertTrue(v.contains("dev.weft.exec.Y -> ai.djl.ndarray.NDArray (EXEC may not use DJL)"), v.toString());
        assertTrue(v.contains("dev.weft.Stray is in no layer; put it in one of graph, workflow, nodes, exec, engine, ui,"
                + " cli, bench"), v.toString());
    }

    @Test
    void theAllowedUsesStayAllowed() {
        Map<String, Set<String>> good = Map.of(
                "dev.weft.nodes.builtin.KSamplerNode", Set.of("dev.weft.engine.sampling.Sampler", "ai.djl.ndarray.NDArray",
                        "dev.weft.nodes.NodeImpl"),
                "dev.weft.cli.Main", Set.of("dev.weft.engine.tensor.TensorRuntime", "dev.weft.ui.App", "dev.weft.exec.Executor"),
                "dev.weft.ui.Canvas", Set.of("javafx.scene.Node", "dev.weft.exec.Executor", "com.google.gson.JsonObject"),
                "dev.weft.bench.MatmulBench", Set.of("dev.weft.engine.tensor.TensorRuntime", "ai.djl.ndarray.NDArray"));
        assertEquals(List.of(), violations(good));
    }
}
