package dev.weft.engine.models;

import ai.djl.ndarray.NDManager;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.unet.AttentionHeads;
import dev.weft.engine.unet.ControlNet;
import dev.weft.engine.unet.ControlNetConfig;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.ParameterShapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads SD 1.x ControlNets (models/controlnet) in the ldm layout, with the {@code control_model.}
 * prefix or without, and in the diffusers layout (renamed to ldm names by
 * {@link DiffusersControlNetNames}); fp32, fp16 or bf16 (widened to fp32). The architecture comes
 * from the weight shapes ({@link ControlNetConfig#detect}), and the file must hold exactly the
 * tensors that architecture reads, with their shapes: a missing, extra or misshapen tensor is
 * refused with examples rather than run half-initialised. Other control models (T2I-Adapter,
 * Control-LoRA, SDXL, SD 2.x, diff, Union, SD3/Flux ControlNets) and model files of other kinds are
 * recognised and refused by {@link ControlNetInspector}. Engine thread only.
 */
public final class ControlNetLoader {
    /** How many offending key names an error message lists. */
    private static final int EXAMPLES = 5;

    private ControlNetLoader() {
    }

    /**
     * Loads {@code file} with SD 1.x's attention heads (8 per transformer).
     *
     * @param parent manager under which the weights are allocated
     * @return a shared handle; closing its last handle frees the weights
     * @throws ModelLoadException when the file is not a loadable SD 1.x ControlNet, saying what it is
     */
    public static SharedModel<ControlNetModel> load(Path file, NDManager parent) throws IOException {
        return load(file, AttentionHeads.SD1, parent);
    }

    /**
     * Loads {@code file} with an explicit head rule (weights cannot tell it; the tiny golden
     * models use their own).
     */
    public static SharedModel<ControlNetModel> load(Path file, AttentionHeads heads, NDManager parent)
            throws IOException {
        String name = file.getFileName().toString();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            ControlNetLayout layout = ControlNetInspector.inspect(name, f);
            Map<String, String> names = ldmNames(name, f, layout);
            Map<String, long[]> shapes = new LinkedHashMap<>();
            names.forEach((fileKey, ldmKey) -> shapes.put(ldmKey, f.info(fileKey).shape()));
            ControlNetConfig config;
            try {
                config = ControlNetConfig.detect(shapes, heads);
            } catch (IllegalArgumentException e) {
                throw new ModelLoadException(name + " does not load as an SD 1.x ControlNet: " + e.getMessage(), e);
            }
            checkTensors(name, config, shapes);
            WeightMap weights = WeightMap.create(parent);
            try {
                for (Map.Entry<String, String> e : names.entrySet()) {
                    weights.put(e.getValue(), f.load(e.getKey(), weights.manager()));
                }
                // Blocked kernels spare oneDNN a re-layout per call, as for the checkpoint's UNet.
                ConvWeights.packForCpu(weights, "");
                ControlNetModel model = new ControlNetModel(new ControlNet(config, weights), name,
                        usesGlobalAveragePooling(name));
                return SharedModel.create(model, weights, weights.byteSize());
            } catch (IOException | RuntimeException e) {
                weights.close();
                throw e;
            }
        }
    }

    /** File key → ldm key (relative to the ControlNet) of every tensor the ControlNet is made of. */
    private static Map<String, String> ldmNames(String name, SafetensorsFile f, ControlNetLayout layout)
            throws ModelLoadException {
        Map<String, String> names = new LinkedHashMap<>();
        if (layout == ControlNetLayout.DIFFUSERS) {
            names.putAll(DiffusersControlNetNames.toLdm(f.names()));
            List<String> unknown = new ArrayList<>(f.names());
            unknown.removeAll(names.keySet());
            if (!unknown.isEmpty()) {
                throw new ModelLoadException(name + " is a diffusers-layout ControlNet with " + unknown.size()
                        + " tensors Weft cannot place in an SD ControlNet (" + examples(unknown) + ")");
            }
            return names;
        }
        String prefix = layout.prefix();
        for (String k : f.names()) {
            if (k.startsWith(prefix)) {
                names.put(k, k.substring(prefix.length()));
            }
        }
        return names;
    }

    /** Refuses files whose tensors are not exactly those of {@code config}. */
    private static void checkTensors(String name, ControlNetConfig config, Map<String, long[]> shapes)
            throws ModelLoadException {
        Map<String, long[]> expected = ParameterShapes.controlNet(config);
        List<String> missing = new ArrayList<>();
        List<String> misshapen = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] got = shapes.get(e.getKey());
            if (got == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(got, e.getValue())) {
                misshapen.add(e.getKey() + " " + Arrays.toString(got) + " (expected " + Arrays.toString(e.getValue())
                        + ")");
            }
        }
        List<String> extra = new ArrayList<>(shapes.keySet());
        extra.removeAll(expected.keySet());
        String start = name + " does not load as an SD 1.x ControlNet: ";
        if (!missing.isEmpty()) {
            throw new ModelLoadException(start + missing.size() + " weights are missing (" + examples(missing)
                    + "); the file may be truncated or of another model family");
        }
        if (!misshapen.isEmpty()) {
            throw new ModelLoadException(start + misshapen.size() + " weights have unexpected shapes ("
                    + examples(misshapen) + ")");
        }
        if (!extra.isEmpty()) {
            throw new ModelLoadException(start + extra.size() + " weights belong to no part of an SD ControlNet ("
                    + examples(extra) + "); it may be a variant Weft does not support yet");
        }
    }

    /**
     * ComfyUI's rule (case-sensitive, on the name without extension): the content-shuffle
     * ControlNet averages its residuals over the image.
     */
    static boolean usesGlobalAveragePooling(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return stem.endsWith("_shuffle") || stem.endsWith("_shuffle_fp16");
    }

    private static String examples(List<String> keys) {
        return String.join(", ", keys.subList(0, Math.min(EXAMPLES, keys.size())))
                + (keys.size() > EXAMPLES ? ", ..." : "");
    }
}
