package dev.weft.engine.models;

import ai.djl.ndarray.NDManager;
import dev.weft.engine.sampling.LatentFormat;
import dev.weft.engine.sampling.ModelSampling;
import dev.weft.engine.sampling.Parameterization;
import dev.weft.engine.sampling.guidance.GuidanceOptions;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.WeightMap;
import dev.weft.engine.text.ClipTextModel;
import dev.weft.engine.text.PromptTokenizer;
import dev.weft.engine.text.Sd1Clip;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.PackedKernelLoader;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.vae.AutoencoderKL;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads single-file Stable Diffusion checkpoints in the original layout
 * ({@code model.diffusion_model.}, {@code cond_stage_model.transformer.}, {@code first_stage_model.})
 * in fp32, fp16 or bf16 (widened to fp32). The architecture comes from the weight shapes, so tiny
 * test checkpoints and the real SD 1.5 go through the same code. Files of other kinds are
 * recognised and refused with a message that names them. Engine thread only.
 */
public final class CheckpointLoader {
    private CheckpointLoader() {
    }

    /**
     * Loads {@code file}.
     *
     * @param tokenizer the SD1 prompt tokenizer (vocabulary and embeddings) the text encoder uses
     * @param parent    manager under which the weights are allocated
     * @return a shared handle; closing its last handle frees the weights
     * @throws ModelLoadException when the file is not a loadable SD 1.x checkpoint, saying what it is
     */
    public static SharedModel<Checkpoint> load(Path file, PromptTokenizer tokenizer, NDManager parent) throws IOException {
        String name = file.getFileName().toString();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            CheckpointInspector.Inspection what = CheckpointInspector.inspect(f);
            refuseUnsupported(name, what);
            WeightMap weights = loadWeights(f, parent);
            try {
                UNet unet = UNet.fromCheckpoint(weights);
                DiffusionModel model = new DiffusionModel(unet, ModelSampling.sd(Parameterization.EPS),
                        LatentFormat.SD15, GuidanceOptions.DEFAULT);
                Sd1Clip clip = Sd1Clip.of(tokenizer, ClipTextModel.fromCheckpoint(weights));
                AutoencoderKL vae = AutoencoderKL.fromCheckpoint(weights);
                return SharedModel.create(new Checkpoint(model, clip, vae), weights, weights.byteSize());
            } catch (RuntimeException e) {
                weights.close();
                throw new ModelLoadException(name + " does not load as an SD 1.x checkpoint: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The three models' weights, fp32. The UNet's convolution kernels are loaded straight into
     * oneDNN's blocked layout, which saves about a second per 512x512 CFG step; LoRA patches read
     * them back through {@link ConvWeights#plain}.
     */
    private static WeightMap loadWeights(SafetensorsFile f, NDManager parent) throws IOException {
        WeightMap weights = WeightMap.create(parent);
        String unet = CheckpointInspector.UNET_PREFIX;
        try (PackedKernelLoader packer = new PackedKernelLoader()) {
            for (String key : f.names()) {
                if (!needed(key)) {
                    continue;
                }
                String local = key.startsWith(unet) ? key.substring(unet.length()) : null;
                boolean pack = local != null && f.info(key).dtype().isFloat() && ConvWeights.packable(local, f.info(key).shape());
                weights.put(key, pack ? packer.load(f, key, local, weights.manager()) : f.load(key, weights.manager()));
            }
            return weights;
        } catch (IOException | RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Keys the three models use; EMA copies and unused buffers are skipped. */
    private static boolean needed(String key) {
        return (key.startsWith(CheckpointInspector.UNET_PREFIX) || key.startsWith(CheckpointInspector.VAE_PREFIX)
                || key.startsWith(CheckpointInspector.CLIP_PREFIX)) && !key.endsWith("position_ids");
    }

    private static void refuseUnsupported(String name, CheckpointInspector.Inspection what) throws ModelLoadException {
        ModelKind kind = what.kind();
        switch (kind) {
            case SD1 -> {
                if (!what.hasVae()) {
                    throw new ModelLoadException(name + " has no VAE (no first_stage_model.* weights): add a Load VAE"
                            + " node with a VAE from models/vae and connect it instead of this loader's VAE");
                }
                if (!what.hasClip()) {
                    throw new ModelLoadException(name + " has no text encoder (no cond_stage_model.* weights)");
                }
            }
            case LORA -> throw new ModelLoadException(name + " is a LoRA, not a checkpoint: put it in models/loras"
                    + " and apply it with a Load LoRA node");
            case CONTROLNET, T2I_ADAPTER -> throw new ModelLoadException(name + " is a " + kind.label()
                    + ", not a checkpoint: put it in models/controlnet and load it with Load ControlNet Model");
            case VAE -> throw new ModelLoadException(name + " is a VAE, not a checkpoint: put it in models/vae and"
                    + " load it with Load VAE");
            case EMBEDDING -> throw new ModelLoadException(name + " is a textual-inversion embedding: put it in"
                    + " models/embeddings and write embedding:" + stem(name) + " in a prompt");
            case SD1_INPAINT -> throw new ModelLoadException(name + " is an SD 1.x inpainting checkpoint ("
                    + what.inChannels() + " input channels); Weft does not run inpainting models yet");
            case UNKNOWN, TEXT_ENCODER, UNET_ONLY -> throw new ModelLoadException(name + " is not a Stable Diffusion"
                    + " checkpoint Weft recognises (" + kind.label() + "); Weft loads SD 1.x single-file checkpoints");
            default -> throw new ModelLoadException(name + " is a " + kind.label() + " checkpoint; Weft runs SD 1.x"
                    + " checkpoints only for now");
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
