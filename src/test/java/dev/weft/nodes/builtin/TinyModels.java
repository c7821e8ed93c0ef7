package dev.weft.nodes.builtin;

import dev.weft.engine.lora.SyntheticLora;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.models.SyntheticVocabulary;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.text.ClipTextConfig;
import dev.weft.engine.text.ClipTextModel;
import dev.weft.engine.text.ClipVocabulary;
import dev.weft.engine.unet.UNet;
import dev.weft.engine.unet.UNetConfig;
import dev.weft.nodes.ModelFolders;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/**
 * A models folder with tiny random SD 1.x weights under the sample workflows' file names, and a
 * small synthetic CLIP vocabulary (Weft never ships the real one), so the real engine runs the
 * samples end to end in seconds.
 */
public final class TinyModels {
    public static final String CHECKPOINT = "v1-5-pruned-emaonly.safetensors";
    /** The ControlNet samples/controlnet.json loads. */
    public static final String CONTROLNET = "control_v11p_sd15_canny.safetensors";
    /** The image samples/controlnet.json loads. */
    public static final String EXAMPLE_IMAGE = "example.png";
    /** The lora-stack sample's first row: every transformer layer of the UNet and every text-encoder projection. */
    public static final String WATERCOLOR = "watercolor_style.safetensors";
    /** The sample's second row: the ResBlock convolutions and the up blocks' transformer layers; no text encoder. */
    public static final String ADD_DETAIL = "add_detail.safetensors";

    private TinyModels() {
    }

    /**
     * Writes {@code models/checkpoints/<CHECKPOINT>} (fp16, widened on load), a matching
     * {@code models/controlnet/<CONTROLNET>} and {@code input/<EXAMPLE_IMAGE>} under {@code root}.
     */
    public static ModelFolders create(Path root) {
        try {
            Path ckpt = root.resolve("models/checkpoints").resolve(CHECKPOINT);
            Files.createDirectories(ckpt.getParent());
            var clip = SyntheticCheckpoint.tinyClip();
            SyntheticCheckpoint.write(ckpt, SyntheticCheckpoint.shapes(SyntheticCheckpoint.tinyUnet(clip.hiddenSize()),
                    clip, SyntheticCheckpoint.tinyVae()), DType.F16, 7);
            writeControlNet(root.resolve("models/controlnet").resolve(CONTROLNET), "control_model.", 11);
            writeExampleImage(root.resolve("input").resolve(EXAMPLE_IMAGE), 96, 64);
            return new ModelFolders(root.resolve("models"), root.resolve("input"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A tiny random ControlNet for the tiny checkpoint's UNet, in the ldm layout with each key
     * preceded by {@code prefix} ({@code "control_model."} or {@code ""}), fp16.
     */
    public static void writeControlNet(Path file, String prefix, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        var config = SyntheticCheckpoint.tinyControlNet(SyntheticCheckpoint.tinyClip().hiddenSize());
        SyntheticCheckpoint.write(file, SyntheticCheckpoint.controlNetShapes(config, prefix), DType.F16, seed);
    }

    /** A {@code width} x {@code height} RGB PNG with a few shapes, so Canny finds edges. */
    public static void writeExampleImage(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(20, 30, 60));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(240, 220, 180));
        g.fillRect(width / 8, height / 4, width / 3, height / 2);
        g.setColor(new Color(200, 60, 40));
        g.fillOval(width / 2, height / 6, width / 3, width / 3);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * Writes the lora-stack sample's LoRAs ({@link #WATERCOLOR}, {@link #ADD_DETAIL}) into
     * {@code models/loras}: random rank-4 kohya LoRAs over the tiny checkpoint's layers, sharing
     * the up blocks' transformer layers so that stacks have both shared and separate weights.
     */
    public static void createLoras(Path root) {
        writeLora(root, WATERCOLOR, SyntheticLora.ATTENTION, k -> true, 11);
        writeLora(root, ADD_DETAIL, SyntheticLora.RESNET_CONVS.or(d -> d.startsWith("up_blocks")
                && SyntheticLora.ATTENTION.test(d)), k -> false, 12);
    }

    /**
     * Writes {@code models/loras/<name>}: a random kohya LoRA over the tiny checkpoint's UNet
     * layers whose diffusers name passes {@code unet} and its text-model keys passing {@code clip}.
     */
    public static Path writeLora(Path root, String name, Predicate<String> unet, Predicate<String> clip, long seed) {
        ClipTextConfig clipConfig = SyntheticCheckpoint.tinyClip();
        UNetConfig unetConfig = SyntheticCheckpoint.tinyUnet(clipConfig.hiddenSize());
        Map<String, long[]> all = SyntheticCheckpoint.shapes(unetConfig, clipConfig, SyntheticCheckpoint.tinyVae());
        List<SyntheticLora.Layer> layers = new ArrayList<>(SyntheticLora.unetLayers(unetConfig,
                under(all, UNet.CHECKPOINT_PREFIX), unet));
        layers.addAll(SyntheticLora.clipLayers(under(all, ClipTextModel.CHECKPOINT_PREFIX), clip));
        try {
            Path file = root.resolve("models/loras").resolve(name);
            Files.createDirectories(file.getParent());
            SyntheticLora.write(file, layers, 4, 0.5f, seed);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, long[]> under(Map<String, long[]> shapes, String prefix) {
        Map<String, long[]> out = new LinkedHashMap<>();
        shapes.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** A synthetic CLIP vocabulary (see {@link SyntheticVocabulary}). */
    public static ClipVocabulary vocabulary() {
        return SyntheticVocabulary.create();
    }
}
