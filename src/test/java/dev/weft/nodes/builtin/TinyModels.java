package dev.weft.nodes.builtin;

import com.google.gson.JsonObject;
import dev.weft.engine.models.SyntheticCheckpoint;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.text.ClipVocabulary;
import dev.weft.nodes.ModelFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A models folder with tiny random SD 1.x weights under the sample workflows' file names, and a
 * small synthetic CLIP vocabulary (Weft never ships the real one), so the real engine runs the
 * samples end to end in seconds.
 */
public final class TinyModels {
    public static final String CHECKPOINT = "v1-5-pruned-emaonly.safetensors";

    private TinyModels() {
    }

    /** Writes {@code models/checkpoints/<CHECKPOINT>} (fp16, widened on load) and an input folder under {@code root}. */
    public static ModelFolders create(Path root) {
        try {
            Path ckpt = root.resolve("models/checkpoints").resolve(CHECKPOINT);
            Files.createDirectories(ckpt.getParent());
            var clip = SyntheticCheckpoint.tinyClip();
            SyntheticCheckpoint.write(ckpt, SyntheticCheckpoint.shapes(SyntheticCheckpoint.tinyUnet(clip.hiddenSize()),
                    clip, SyntheticCheckpoint.tinyVae()), DType.F16, 7);
            Files.createDirectories(root.resolve("input"));
            return new ModelFolders(root.resolve("models"), root.resolve("input"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A byte-level BPE vocabulary in CLIP's format: the 256 byte symbols with and without
     * {@code </w>}, a few merges, and CLIP's start and end tokens at their real ids.
     */
    public static ClipVocabulary vocabulary() {
        List<String> symbols = byteSymbols();
        JsonObject vocab = new JsonObject();
        int id = 0;
        for (String s : symbols) {
            vocab.addProperty(s, id++);
        }
        for (String s : symbols) {
            vocab.addProperty(s + "</w>", id++);
        }
        List<String> merges = List.of("t h", "th e</w>", "a n", "an d</w>", "i n", "in g</w>");
        for (String m : merges) {
            vocab.addProperty(m.replace(" ", ""), id++);
        }
        vocab.addProperty("<|startoftext|>", 49406);
        vocab.addProperty("<|endoftext|>", 49407);
        try {
            return ClipVocabulary.parse(vocab.toString(), "#version: 0.2\n" + String.join("\n", merges) + "\n",
                    "synthetic vocab.json", "synthetic merges.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GPT-2's reversible byte → printable character map, in byte order. */
    private static List<String> byteSymbols() {
        List<String> out = new ArrayList<>();
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
            out.add(String.valueOf((char) (printable ? b : 256 + extra++)));
        }
        return out;
    }
}
