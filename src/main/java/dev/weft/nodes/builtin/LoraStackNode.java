package dev.weft.nodes.builtin;

import com.google.gson.JsonElement;
import dev.weft.engine.models.DiffusionModel;
import dev.weft.engine.text.Sd1Clip;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import dev.weft.workflow.LoraStack;
import dev.weft.workflow.WorkflowException;
import java.util.ArrayList;
import java.util.List;

/**
 * Weft's LoraStack: the enabled rows of its {@code loras} list applied top to bottom, as the
 * LoraLoader chain it exports to; with {@code clip} unwired, model only (CLIP output {@code null}).
 * Its cache key is the rows, so changing one strength re-runs the node, and the patcher then
 * recomputes only the weights whose list of (LoRA, strength) changed.
 */
final class LoraStackNode implements NodeImpl {
    private final LoraApplier applier;

    LoraStackNode(EngineServices services) {
        this.applier = new LoraApplier(services);
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        DiffusionModel model = in.get("model", DiffusionModel.class);
        Sd1Clip clip = in.has("clip") && in.get("clip") != null ? in.get("clip", Sd1Clip.class) : null;
        List<LoraApplier.Row> rows = new ArrayList<>();
        List<LoraStack.Row> all = rows(in);
        for (int i = 0; i < all.size(); i++) {
            LoraStack.Row r = all.get(i);
            double strengthClip = clip == null ? 0 : r.strengthClip();
            if (r.enabled() && (r.strengthModel() != 0 || strengthClip != 0)) {
                rows.add(new LoraApplier.Row(LoraStack.ROWS_WIDGET + "[" + i + "].name", "row " + i + ": ", r.name(),
                        r.strengthModel(), strengthClip));
            }
        }
        if (rows.isEmpty()) {
            return NodeResult.of(model, clip);
        }
        LoraApplier.Patched p = applier.apply(ctx, model, clip, rows);
        return NodeResult.of(p.model(), p.clip());
    }

    /** The files of the enabled rows, so replacing one on disk re-runs the stack. */
    @Override
    public Object fingerprint(NodeInputs in, NodeContext ctx) {
        List<Object> stamps = new ArrayList<>();
        try {
            for (LoraStack.Row r : rows(in)) {
                if (r.enabled()) {
                    stamps.add(FileStamp.of(ctx, ModelFolder.LORAS, r.name()));
                }
            }
        } catch (NodeFailure e) {
            return null; // execute reports the bad row list
        }
        return stamps;
    }

    private static List<LoraStack.Row> rows(NodeInputs in) throws NodeFailure {
        Object value = in.has(LoraStack.ROWS_WIDGET) ? in.get(LoraStack.ROWS_WIDGET) : null;
        try {
            return LoraStack.rows(value instanceof JsonElement e ? e : null, "the LoRA list");
        } catch (WorkflowException e) {
            throw new NodeFailure(LoraStack.ROWS_WIDGET, e.getMessage(), e);
        }
    }
}
