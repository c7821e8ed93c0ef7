package dev.weft.nodes.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.weft.exec.ExecutionEvent;
import dev.weft.exec.Executor;
import dev.weft.exec.ExecutorConfig;
import dev.weft.exec.Prompts;
import dev.weft.exec.RunRequest;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VAE Decode (Tiled) and VAE Encode (Tiled) run on the real engine and agree with the plain nodes. */
class VaeTiledNodesTest {
    @TempDir
    Path tmp;

    @Test
    void tiledNodesWithTilesCoveringTheImageGiveThePlainRoundTrip() throws Exception {
        ModelFolders folders = TinyModels.create(tmp);
        try (EngineServices services = EngineServices.withVocabulary(TinyModels.vocabulary());
             Executor executor = new Executor(BuiltinNodes.bind(NodeRegistry.load(Optional.empty()), services),
                     new ExecutorConfig(folders, tmp.resolve("out"), tmp.resolve("temp")))) {
            String prompt = """
                    {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "%s"}},
                     "2": {"class_type": "LoadImage", "inputs": {"image": "%s"}},
                     "3": {"class_type": "VAEEncode", "inputs": {"pixels": ["2", 0], "vae": ["1", 2]}},
                     "4": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["1", 2]}},
                     "5": {"class_type": "SaveImage", "inputs": {"images": ["4", 0], "filename_prefix": "plain"}},
                     "6": {"class_type": "VAEEncodeTiled", "inputs": {"pixels": ["2", 0], "vae": ["1", 2],
                           "tile_size": 512, "overlap": 64, "temporal_size": 64, "temporal_overlap": 8}},
                     "7": {"class_type": "VAEDecodeTiled", "inputs": {"samples": ["6", 0], "vae": ["1", 2],
                           "tile_size": 512, "overlap": 64, "temporal_size": 64, "temporal_overlap": 8}},
                     "8": {"class_type": "SaveImage", "inputs": {"images": ["7", 0], "filename_prefix": "tiled"}}}
                    """.formatted(TinyModels.CHECKPOINT, TinyModels.EXAMPLE_IMAGE);
            java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            executor.addListener(e -> {
                if (e instanceof ExecutionEvent.NodeError err) {
                    errors.add(err.nodeId() + ": " + err.message());
                }
            });
            var handle = executor.submit(new RunRequest(Prompts.parse(prompt), new JsonObject(), Set.of()));
            assertEquals(ExecutionEvent.Outcome.SUCCESS, handle.done().get(120, TimeUnit.SECONDS), errors::toString);
            BufferedImage plain = ImageIO.read(tmp.resolve("out/plain_00001_.png").toFile());
            BufferedImage tiled = ImageIO.read(tmp.resolve("out/tiled_00001_.png").toFile());
            assertEquals(plain.getWidth(), tiled.getWidth());
            assertEquals(plain.getHeight(), tiled.getHeight());
            // Tiles larger than the 96x64 image: every pass of the tiled path covers the whole image,
            // so it must give the plain result (smaller tiles differ, as in ComfyUI, because each
            // tile has its own GroupNorm statistics; the engine's own tests cover that path).
            double sum = 0;
            for (int y = 0; y < plain.getHeight(); y++) {
                for (int x = 0; x < plain.getWidth(); x++) {
                    int a = plain.getRGB(x, y);
                    int b = tiled.getRGB(x, y);
                    for (int shift = 0; shift < 24; shift += 8) {
                        sum += Math.abs(((a >> shift) & 255) - ((b >> shift) & 255));
                    }
                }
            }
            double mean = sum / (3.0 * plain.getWidth() * plain.getHeight());
            assertTrue(mean < 0.01, "mean absolute difference " + mean);
            assertTrue(Files.size(tmp.resolve("out/tiled_00001_.png")) > 0);
        }
    }
}
