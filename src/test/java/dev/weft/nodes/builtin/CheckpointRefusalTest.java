package dev.weft.nodes.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cli.CliContext;
import dev.weft.cli.Main;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.SafetensorsWriter;
import dev.weft.nodes.NodeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint Weft cannot use fails on the Load Checkpoint node with a message that says what the
 * file is, through {@code weft run} as a user sees it; nothing crashes.
 */
class CheckpointRefusalTest {
    @TempDir
    Path tmp;

    private Path checkpoint() {
        return tmp.resolve("models/checkpoints").resolve(TinyModels.CHECKPOINT);
    }

    /** Runs the txt2img sample; returns stderr, asserting exit code 1. */
    private String runFails() {
        EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
        CliContext cli = new CliContext(() -> BuiltinNodes.bind(NodeRegistry.load(Optional.empty()), services),
                Map.of(), tmp);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", Path.of("samples/txt2img.json").toAbsolutePath().toString(),
            "--models", "models", "--output", "out", "--set", "5.width=64", "--set", "5.height=64",
            "--set", "3.steps=1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cli);
        services.close();
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, out.toString(StandardCharsets.UTF_8) + e);
        assertTrue(e.contains("node 4 \"Load Checkpoint\""), e);
        assertEquals(1, e.strip().lines().filter(l -> !l.contains(" WARN ")).count(), "one line: " + e);
        return e;
    }

    @Test
    void aTruncatedCheckpointIsNamedAsTruncated() throws Exception {
        TinyModels.create(tmp);
        try (FileChannel ch = FileChannel.open(checkpoint(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1000);
        }
        String e = runFails();
        assertTrue(e.contains("truncated file"), e);
    }

    @Test
    void anSdxlCheckpointIsRefusedByName() throws Exception {
        Files.createDirectories(checkpoint().getParent());
        SafetensorsWriter.write(checkpoint(), List.of(
                SafetensorsWriter.Entry.zeros("model.diffusion_model.input_blocks.0.0.weight", DType.F16, new long[] {320, 4, 3, 3}),
                SafetensorsWriter.Entry.zeros("model.diffusion_model.label_emb.0.0.weight", DType.F16, new long[] {1280, 2816}),
                SafetensorsWriter.Entry.zeros("conditioner.embedders.1.model.ln_final.weight", DType.F16, new long[] {1280}),
                SafetensorsWriter.Entry.zeros("first_stage_model.decoder.conv_in.weight", DType.F16, new long[] {512, 4, 3, 3})),
                null);
        String e = runFails();
        assertTrue(e.contains("Stable Diffusion XL") && e.contains("SD 1.x"), e);
    }

    @Test
    void aLoraGivenAsACheckpointIsRefusedByName() throws Exception {
        Files.createDirectories(checkpoint().getParent());
        SafetensorsWriter.write(checkpoint(), List.of(
                SafetensorsWriter.Entry.zeros("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", DType.F16,
                        new long[] {4, 320, 1, 1}),
                SafetensorsWriter.Entry.zeros("lora_unet_down_blocks_0_attentions_0_proj_in.lora_up.weight", DType.F16,
                        new long[] {320, 4, 1, 1})), null);
        String e = runFails();
        assertTrue(e.contains("is a LoRA, not a checkpoint") && e.contains("models/loras"), e);
    }

    @Test
    void aCheckpointWithoutVaeSaysToLoadOne() throws Exception {
        var clip = SyntheticCheckpoint.tinyClip();
        Map<String, long[]> shapes = new LinkedHashMap<>(SyntheticCheckpoint.shapes(
                SyntheticCheckpoint.tinyUnet(clip.hiddenSize()), clip, SyntheticCheckpoint.tinyVae()));
        shapes.keySet().removeIf(k -> k.startsWith("first_stage_model."));
        Files.createDirectories(checkpoint().getParent());
        SyntheticCheckpoint.write(checkpoint(), shapes, DType.F16, 3);
        String e = runFails();
        assertTrue(e.contains("has no VAE") && e.contains("Load VAE"), e);
    }
}
