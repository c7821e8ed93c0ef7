package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.nodes.MissingFileException;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeRegistry;
import dev.weft.workflow.ApiPrompt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failing node: where its error lands, what it says, and what stays cached. */
class ExecutorErrorsTest extends ExecutorFixture {
    private ExecutionEvent.NodeError runExpectingError(ApiPrompt p) throws Exception {
        RunHandle h = submit(p);
        assertEquals(ExecutionEvent.Outcome.ERROR, outcome(h));
        List<ExecutionEvent.NodeError> errors = log.of(h.runId(), ExecutionEvent.NodeError.class);
        assertEquals(1, errors.size());
        return errors.get(0);
    }

    @Test
    void aNodeFailureLandsOnItsNodeWithTitleInputAndMessage() throws Exception {
        fakes.failWith("VAEDecode", new NodeFailure("vae", "this VAE expects 16 latent channels, the latent has 4;"
                + " load the VAE that belongs to the checkpoint"));

        ExecutionEvent.NodeError e = runExpectingError(txt2img);

        assertEquals("8", e.nodeId());
        assertEquals("dev.weft.nodes.NodeFailure", e.kind());
        assertEquals("node 8 \"VAE Decode\" (VAEDecode), input vae: this VAE expects 16 latent channels, the latent"
                + " has 4; load the VAE that belongs to the checkpoint", e.message());
        assertFalse(fakes.order().contains("9"), "SaveImage never ran");
    }

    @Test
    void anErrorLeavesTheOtherCachedResultsSoTheNextRunResumesAfterThem() throws Exception {
        fakes.failWith("VAEDecode", new NodeFailure(null, "broken"));
        runExpectingError(txt2img);
        fakes.failWith("VAEDecode", null);
        fakes.resetCounts();

        RunHandle h = submit(txt2img);

        assertEquals(ExecutionEvent.Outcome.SUCCESS, outcome(h));
        assertEquals(List.of("8", "9"), fakes.order());
    }

    @Test
    void otherExceptionsAreInternalErrorsWithTheirClassAndMessage() throws Exception {
        fakes.failWith("KSampler", new IllegalStateException("latent and model disagree"));

        ExecutionEvent.NodeError e = runExpectingError(txt2img);

        assertEquals("3", e.nodeId());
        assertEquals("java.lang.IllegalStateException", e.kind());
        assertEquals("internal error in node 3 \"KSampler\": java.lang.IllegalStateException: latent and model disagree",
                e.message());
    }

    @Test
    void aMissingFileFromANodeNamesTheInputThatNamedTheFile() throws Exception {
        fakes.failWith("CheckpointLoaderSimple", new MissingFileException("checkpoints", "v1-5-pruned-emaonly.safetensors",
                List.of(temp.resolve("models/checkpoints/v1-5-pruned-emaonly.safetensors")), "Put it there."));

        ExecutionEvent.NodeError e = runExpectingError(txt2img);

        assertEquals("node 4 \"Load Checkpoint\" (CheckpointLoaderSimple), input ckpt_name: File"
                + " 'v1-5-pruned-emaonly.safetensors' not found in the checkpoints folder. Looked at: "
                + temp.resolve("models/checkpoints/v1-5-pruned-emaonly.safetensors") + ". Put it there.", e.message());
    }

    @Test
    void nodesNotImplementedYetFailOnTheFirstNodeThatRuns() throws Exception {
        restartWith(NodeRegistry.load(Optional.of(FakeNodes.PROJECT_NODES)));

        ExecutionEvent.NodeError e = runExpectingError(txt2img);

        assertEquals("4", e.nodeId());
        assertEquals("node 4 \"Load Checkpoint\" (CheckpointLoaderSimple): CheckpointLoaderSimple is not implemented"
                + " yet in Weft", e.message());
    }

    @Test
    void aNodeReturningTheWrongNumberOfOutputsIsAnInternalError() throws Exception {
        restartWith(fakes.registry().bind("EmptyLatentImage", (ctx, in) -> dev.weft.nodes.NodeResult.of()));

        ExecutionEvent.NodeError e = runExpectingError(txt2img);

        assertEquals("5", e.nodeId());
        assertEquals("internal error in node 5 \"Empty Latent Image\" (EmptyLatentImage): java.lang.IllegalStateException:"
                + " EmptyLatentImage returned 0 outputs but its spec declares 1", e.message());
    }
}
