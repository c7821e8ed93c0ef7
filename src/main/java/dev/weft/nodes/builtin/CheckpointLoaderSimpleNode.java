package dev.weft.nodes.builtin;

import dev.weft.engine.models.Checkpoint;
import dev.weft.engine.models.CheckpointLoader;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.text.PromptTokenizer;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import java.nio.file.Path;

/** CheckpointLoaderSimple: MODEL, CLIP and VAE from one checkpoint, loaded once per file version. */
final class CheckpointLoaderSimpleNode implements NodeImpl {
    private final EngineServices services;

    CheckpointLoaderSimpleNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        String name = in.getString("ckpt_name");
        Path file = NodeFiles.model(ctx, ModelFolder.CHECKPOINTS, "ckpt_name", name);
        PromptTokenizer tokenizer = services.tokenizer(ctx.folders(), "ckpt_name");
        SharedModel<Checkpoint> ckpt = services.loadModel("checkpoint", file, "ckpt_name",
                p -> CheckpointLoader.load(p, tokenizer, services.root()));
        Checkpoint c = ctx.own(ckpt).value();
        return NodeResult.of(c.model(), c.clip(), c.vae());
    }

    @Override
    public Object fingerprint(NodeInputs in, NodeContext ctx) {
        return FileStamp.of(ctx, ModelFolder.CHECKPOINTS, in.getString("ckpt_name"));
    }
}
