package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.nodes.NodeRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order nodes run in: ComfyUI's topological dissolve with its ux-friendly pick. */
class ExecutionListTest {
    @TempDir
    Path temp;

    private ExecutionPlan plan(String sample) {
        NodeRegistry registry = NodeRegistry.load(Optional.of(FakeNodes.PROJECT_NODES));
        var folders = Samples.folders(temp);
        return PromptValidator.validate(Samples.prompt(sample, registry), Set.of(), registry.withFiles(folders), folders)
                .ok().orElseThrow();
    }

    @Test
    void txt2imgRunsTheCheckpointFirstBecauseItIsTwoStepsFromTheOutput() {
        // 4 feeds VAEDecode, which feeds SaveImage (rule 3); then ready nodes in the order ComfyUI adds them;
        // VAEDecode feeds the output directly (rule 2) once the sampler is done.
        assertEquals(List.of("4", "5", "7", "6", "10", "3", "8", "9"), ExecutionList.order(plan("txt2img.json")));
    }

    @Test
    void anOutputRunsAsSoonAsItIsReady() {
        List<String> order = ExecutionList.order(plan("controlnet.json"));
        // The canny preview (14) runs right after Canny (11), long before the sampler.
        assertEquals(order.indexOf("11") + 1, order.indexOf("14"));
        assertEquals(List.of("10", "11", "14"), order.subList(order.indexOf("10"), order.indexOf("10") + 3));
        assertEquals("9", order.get(order.size() - 1));
    }

    @Test
    void cachedNodesAndTheAncestorsOnlyTheyNeedAreLeftOut() {
        ExecutionPlan plan = plan("txt2img.json");
        ExecutionList list = new ExecutionList(plan, id -> id.equals("3"));
        assertEquals(List.of("9", "8", "4"), list.pending());
    }
}
