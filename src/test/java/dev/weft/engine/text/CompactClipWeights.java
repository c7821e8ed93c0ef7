package dev.weft.engine.text;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.weft.engine.tensor.DType;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.SafetensorsWriter;
import dev.weft.engine.tensor.SafetensorsWriter.Entry;
import dev.weft.engine.tensor.TensorInfo;
import dev.weft.engine.tensor.WeightMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The compact copy of {@code clip_tiny} kept under src/test/resources/golden/clip_tiny: the
 * 49408-row token embedding (6.3 MB of the 6.5 MB weights) is stored as only the rows the golden
 * prompts use, in {@code token_rows.safetensors} ({@code ids} I64 [n], {@code rows} F32 [n, C],
 * metadata {@code key} and {@code vocab_size}); {@code weights.safetensors} holds every other tensor.
 * {@link #load} rebuilds the full-size embedding in memory (unused rows zero), which gives the same
 * outputs because a row that is never looked up never influences them.
 *
 * <p>{@link #main} writes the copy from the shared golden folder:
 * {@code java ... CompactClipWeights ../shared/golden/clip_tiny src/test/resources/golden/clip_tiny}.
 */
final class CompactClipWeights {
    static final String ROWS_FILE = "token_rows.safetensors";
    private static final String TOKEN_KEY_SUFFIX = "embeddings.token_embedding.weight";

    private CompactClipWeights() {
    }

    /** A {@link ClipTinyGoldenSuite.WeightsLoader} for either layout (compact copy or full file). */
    static WeightMap load(Path dir, NDManager parent) throws IOException {
        if (!Files.isRegularFile(dir.resolve(ROWS_FILE))) {
            return ClipTinyGoldenSuite.WHOLE_FILE.load(dir, parent);
        }
        WeightMap map = ClipTinyGoldenSuite.WHOLE_FILE.load(dir, parent);
        try (SafetensorsFile rows = SafetensorsFile.open(dir.resolve(ROWS_FILE))) {
            String key = rows.metadata().get("key");
            int vocab = Integer.parseInt(rows.metadata().get("vocab_size"));
            long[] ids = longs(rows.raw("ids"));
            float[] values = rows.readFloats("rows");
            int width = (int) rows.info("rows").shape()[1];
            float[] full = new float[vocab * width];
            for (int i = 0; i < ids.length; i++) {
                System.arraycopy(values, i * width, full, (int) ids[i] * width, width);
            }
            map.put(key, map.manager().create(full, new Shape(vocab, width)));
            return map;
        } catch (IOException | RuntimeException e) {
            map.close();
            throw e;
        }
    }

    /** Writes the compact copy of the shared folder {@code args[0]} into {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        Path from = Path.of(args[0]);
        Path to = Path.of(args[1]);
        Files.createDirectories(to);
        Files.copy(from.resolve("manifest.json"), to.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(from.resolve("io.safetensors"), to.resolve("io.safetensors"), StandardCopyOption.REPLACE_EXISTING);
        TreeSet<Long> used = usedIds(from.resolve("manifest.json"));
        used.add((long) ClipTextEncoder.START);
        used.add((long) ClipTextEncoder.END);
        try (SafetensorsFile w = SafetensorsFile.open(from.resolve("weights.safetensors"))) {
            List<Entry> rest = new ArrayList<>();
            String tokenKey = null;
            for (String name : w.names()) {
                TensorInfo info = w.info(name);
                if (name.endsWith(TOKEN_KEY_SUFFIX)) {
                    tokenKey = name;
                    continue;
                }
                rest.add(Entry.ofBytes(name, info.dtype(), info.shape(), bytes(w.raw(name))));
            }
            SafetensorsWriter.write(to.resolve("weights.safetensors"), rest, Map.of());
            TensorInfo tok = w.info(tokenKey);
            int width = (int) tok.shape()[1];
            float[] all = w.readFloats(tokenKey);
            float[] picked = new float[used.size() * width];
            ByteBuffer ids = ByteBuffer.allocate(used.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            int i = 0;
            for (long id : used) {
                System.arraycopy(all, (int) id * width, picked, i++ * width, width);
                ids.putLong(id);
            }
            SafetensorsWriter.write(to.resolve(ROWS_FILE), List.of(
                    Entry.ofBytes("ids", DType.I64, new long[] {used.size()}, ids.array()),
                    Entry.ofFloats("rows", DType.F32, new long[] {used.size(), width}, picked)),
                    Map.of("key", tokenKey, "vocab_size", Long.toString(tok.shape()[0])));
        }
    }

    private static TreeSet<Long> usedIds(Path manifest) throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        for (JsonElement c : JsonParser.parseString(Files.readString(manifest)).getAsJsonObject()
                .getAsJsonArray("cases")) {
            for (JsonElement chunk : c.getAsJsonObject().getAsJsonArray("token_ids")) {
                for (JsonElement id : (JsonArray) chunk) {
                    out.add(id.getAsLong());
                }
            }
        }
        return out;
    }

    private static long[] longs(ByteBuffer le) {
        long[] out = new long[le.remaining() / 8];
        le.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
