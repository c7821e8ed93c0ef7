package dev.weft.nodes.builtin;

import dev.weft.engine.lora.LoraFile;
import dev.weft.engine.lora.LoraPatcher;
import dev.weft.engine.lora.LoraReport;
import dev.weft.engine.models.DiffusionModel;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.text.Sd1Clip;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the LoRA nodes share: files loaded once through the model cache, patching through the
 * engine's {@link LoraPatcher} (whose tensors the node's outputs own), and every report turned
 * into a warning on the node. Engine thread only.
 */
final class LoraApplier {
    /**
     * One LoRA a node applies.
     *
     * @param input the input that names the file, for errors ({@code lora_name}, {@code loras[1].name})
     * @param label how warnings name the LoRA's place ("" for a single loader, "row 1: " in a stack)
     */
    record Row(String input, String label, String name, double strengthModel, double strengthClip) {
    }

    /** The patched values a node outputs. */
    record Patched(DiffusionModel model, Sd1Clip clip) {
    }

    private final EngineServices services;

    LoraApplier(EngineServices services) {
        this.services = services;
    }

    /**
     * Applies {@code rows} in order to {@code model} and (when not {@code null}) {@code clip}.
     *
     * @throws NodeFailure on the row's input when its file is missing, is not a LoRA, or holds
     *                     nothing Weft can apply
     */
    Patched apply(NodeContext ctx, DiffusionModel model, Sd1Clip clip, List<Row> rows) throws NodeFailure {
        List<SharedModel<LoraFile>> files = new ArrayList<>();
        try {
            List<LoraPatcher.Request> requests = new ArrayList<>();
            for (Row row : rows) {
                Path file = NodeFiles.model(ctx, ModelFolder.LORAS, row.input(), row.name());
                SharedModel<LoraFile> lora = services.loadModel("lora", file, row.input(),
                        p -> LoraFile.load(p, services.root()));
                files.add(lora);
                requests.add(new LoraPatcher.Request(lora, row.strengthModel(), row.strengthClip()));
            }
            LoraPatcher.Result r;
            try {
                r = services.loras().apply(model.unet(), clip == null ? null : clip.model(), requests);
            } catch (LoraPatcher.RequestException e) {
                throw new NodeFailure(rows.get(e.index()).input(), e.getMessage(), e);
            }
            ctx.own(r.lease());
            for (int i = 0; i < rows.size(); i++) {
                LoraReport report = r.reports().get(i);
                for (String warning : report.warnings()) {
                    ctx.warn(rows.get(i).label() + warning);
                }
            }
            DiffusionModel m = r.unet() == model.unet() ? model : model.withUnet(r.unet());
            Sd1Clip c = clip == null || r.text() == clip.model() ? clip : clip.withModel(r.text());
            return new Patched(m, c);
        } finally {
            files.forEach(SharedModel::close); // the result's lease holds its own handles
        }
    }
}
