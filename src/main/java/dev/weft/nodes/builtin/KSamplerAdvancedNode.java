package dev.weft.nodes.builtin;

import dev.weft.engine.models.SamplerSettings;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;

/**
 * KSamplerAdvanced: runs steps start_at_step..end_at_step of the schedule, optionally without
 * adding noise, optionally leaving the remaining noise in (for chaining samplers).
 */
final class KSamplerAdvancedNode implements NodeImpl {
    private final EngineServices services;

    KSamplerAdvancedNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        boolean addNoise = !"disable".equals(in.getString("add_noise"));
        boolean forceFullDenoise = !"enable".equals(in.getString("return_with_leftover_noise"));
        SamplerSettings s = new SamplerSettings(in.getLong("noise_seed"), in.getInt("steps"), in.getDouble("cfg"),
                SamplerRun.sampler(in), SamplerRun.scheduler(in), 1.0, addNoise, in.getInt("start_at_step"),
                in.getInt("end_at_step"), forceFullDenoise);
        return NodeResult.of(SamplerRun.run(services, ctx, in, s));
    }
}
