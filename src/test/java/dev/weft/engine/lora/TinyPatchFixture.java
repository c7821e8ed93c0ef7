package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.text.ClipTextConfig;
import dev.weft.engine.text.ClipTextModel;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.ParameterShapes;
import dev.weft.engine.tensor.RandomWeights;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A tiny random UNet (conv kernels packed, as the checkpoint loader leaves them) and CLIP text
 * model in memory, and LoRAs for them, for patcher tests. Close it to free everything.
 */
final class TinyPatchFixture implements AutoCloseable {
    static final UNetConfig CONFIG = SyntheticCheckpoint.tinyUnet(32);

    final NDManager manager;
    final Map<String, long[]> unetShapes = ParameterShapes.unet(CONFIG);
    final Map<String, long[]> clipShapes = clipShapes(32, 2, 64);
    final WeightMap unetWeights;
    final WeightMap clipWeights;
    final UNet unet;
    final ClipTextModel text;

    TinyPatchFixture() {
        TensorRuntime.ensureInit();
        manager = NDManager.newBaseManager();
        unetWeights = RandomWeights.create(unetShapes, 3, manager);
        ConvWeights.packForCpu(unetWeights, "");
        clipWeights = RandomWeights.create(clipShapes, 4, manager);
        unet = new UNet(CONFIG, unetWeights);
        text = new ClipTextModel(clipWeights, ClipTextConfig.infer(clipWeights, 1));
    }

    /** A kohya LoRA over the UNet layers whose diffusers name passes {@code unet} and the CLIP keys passing {@code clip}. */
    SharedModel<LoraFile> lora(String name, Predicate<String> unet, Predicate<String> clip, long seed) {
        List<SyntheticLora.Layer> layers = new java.util.ArrayList<>(SyntheticLora.unetLayers(CONFIG, unetShapes, unet));
        layers.addAll(SyntheticLora.clipLayers(clipShapes, clip));
        return wrap(name, SyntheticLora.create(layers, 4, 0.5f, seed, manager));
    }

    /** A LoRA file holding exactly {@code tensors} (name → shape, values from a seeded ramp). */
    SharedModel<LoraFile> raw(String name, Map<String, long[]> tensors) {
        WeightMap map = WeightMap.create(manager);
        int i = 1;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            Shape s = new Shape(e.getValue());
            map.put(e.getKey(), map.manager().randomUniform(-0.3f, 0.3f, s).add(0.01f * i++));
        }
        return wrap(name, map);
    }

    SharedModel<LoraFile> wrap(String name, WeightMap map) {
        LoraFile file = LoraFile.of(new LoraFile.Id(Path.of(name), map.byteSize(), 0), map);
        return SharedModel.create(file, map, map.byteSize());
    }

    /** Every value of a (possibly packed) array. */
    static float[] values(NDArray a) {
        NDArray plain = ConvWeights.plain(a);
        float[] v = plain.toFloatArray();
        if (plain != a) {
            plain.close();
        }
        return v;
    }

    /** A snapshot of every base tensor's values. */
    Map<String, float[]> snapshot() {
        Map<String, float[]> out = new LinkedHashMap<>();
        unetWeights.keys().forEach(k -> out.put("unet:" + k, values(unetWeights.get(k))));
        clipWeights.keys().forEach(k -> out.put("clip:" + k, values(clipWeights.get(k))));
        return out;
    }

    static Map<String, long[]> clipShapes(int width, int layers, int intermediate) {
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("embeddings.token_embedding.weight", new long[] {100, width});
        s.put("embeddings.position_embedding.weight", new long[] {77, width});
        for (int i = 0; i < layers; i++) {
            String p = "encoder.layers." + i + ".";
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                s.put(p + "self_attn." + proj + ".weight", new long[] {width, width});
                s.put(p + "self_attn." + proj + ".bias", new long[] {width});
            }
            s.put(p + "layer_norm1.weight", new long[] {width});
            s.put(p + "layer_norm1.bias", new long[] {width});
            s.put(p + "mlp.fc1.weight", new long[] {intermediate, width});
            s.put(p + "mlp.fc1.bias", new long[] {intermediate});
            s.put(p + "mlp.fc2.weight", new long[] {width, intermediate});
            s.put(p + "mlp.fc2.bias", new long[] {width});
            s.put(p + "layer_norm2.weight", new long[] {width});
            s.put(p + "layer_norm2.bias", new long[] {width});
        }
        s.put("final_layer_norm.weight", new long[] {width});
        s.put("final_layer_norm.bias", new long[] {width});
        return s;
    }

    @Override
    public void close() {
        manager.close();
    }
}
