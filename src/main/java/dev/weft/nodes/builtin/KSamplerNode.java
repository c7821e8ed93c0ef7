package dev.weft.nodes.builtin;

import dev.weft.engine.models.SamplerSettings;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/** KSampler: denoises a latent with a sampler, a scheduler, CFG and a denoise fraction. */
final class KSamplerNode implements NodeImpl {
    private final EngineServices services;

    KSamplerNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        SamplerSettings s = SamplerSettings.ksampler(in.getLong("seed"), in.getInt("steps"), in.getDouble("cfg"),
                SamplerRun.sampler(in), SamplerRun.scheduler(in), in.getDouble("denoise"));
        return NodeResult.of(SamplerRun.run(services, ctx, in, s));
    }
}
