package dev.weft.engine.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.SuiteRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Golden cases of {@code tokenizer/cases.json}: every prompt must give exactly ComfyUI's chunks of
 * {@code [token_id, weight, word_id]} (ids, weights and word ids all equal; no tolerance).
 *
 * <p>The vocabulary comes from the case folder's {@code vocab.json}/{@code merges.txt} when present,
 * else from the fallback folder given at construction (held-out sets ship without them). The
 * embeddings directory of these cases is empty, so every {@code embedding:} name is missing.
 */
public final class TokenizerGoldenSuite implements GoldenSuite {
    private static final Map<String, Integer> EXPECTED_SETTINGS = Map.of(
            "max_length", PromptTokenizer.CHUNK_LENGTH, "max_word_length", PromptTokenizer.MAX_WORD_LENGTH);

    private final Path fallbackVocabulary;

    /** Uses only vocabulary files found in the case folder. */
    public TokenizerGoldenSuite() {
        this(null);
    }

    /**
     * @param fallbackVocabulary folder with vocab.json and merges.txt for case folders that have none
     *                           (e.g. {@code <models>/tokenizers/clip-vit-large-patch14}); may be null
     */
    public TokenizerGoldenSuite(Path fallbackVocabulary) {
        this.fallbackVocabulary = fallbackVocabulary;
    }

    @Override
    public String folder() {
        return "tokenizer";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            JsonObject root = GoldenJson.read(caseDir.resolve("cases.json"));
            String settingsProblem = checkSettings(root);
            if (settingsProblem != null) {
                run.add(GoldenResult.error(folder(), settingsProblem));
                return;
            }
            PromptTokenizer tokenizer = new PromptTokenizer(new ClipBpeTokenizer(vocabulary(caseDir)),
                    EmbeddingLibrary.none());
            JsonArray cases = root.getAsJsonArray("cases");
            for (int i = 0; i < cases.size(); i++) {
                JsonObject c = cases.get(i).getAsJsonObject();
                String prompt = c.get("prompt").getAsString();
                String name = folder() + "/" + i + " " + abbreviate(prompt);
                run.evaluate(name, () -> compare(name, tokenizer.tokenize(prompt), c.getAsJsonArray("chunks")));
            }
        });
    }

    private ClipVocabulary vocabulary(Path caseDir) throws Exception {
        if (Files.isRegularFile(caseDir.resolve(TokenizerFiles.VOCAB))
                && Files.isRegularFile(caseDir.resolve(TokenizerFiles.MERGES))) {
            return ClipVocabulary.load(caseDir);
        }
        if (fallbackVocabulary == null) {
            throw new IllegalStateException(caseDir + " has no vocab.json/merges.txt and no fallback vocabulary "
                    + "folder was given");
        }
        return ClipVocabulary.load(fallbackVocabulary);
    }

    private static String checkSettings(JsonObject root) {
        JsonElement s = root.get("tokenizer_settings");
        if (s == null || !s.isJsonObject()) {
            return null;
        }
        for (Map.Entry<String, Integer> e : EXPECTED_SETTINGS.entrySet()) {
            JsonElement v = s.getAsJsonObject().get(e.getKey());
            if (v != null && v.getAsInt() != e.getValue()) {
                return "tokenizer setting " + e.getKey() + " = " + v + " is not SD 1.x's " + e.getValue();
            }
        }
        return null;
    }

    /** Exact comparison; maxAbs is the worst weight difference, infinite when ids or word ids differ. */
    static GoldenResult compare(String name, TokenizedPrompt got, JsonArray ref) {
        if (got.chunks().size() != ref.size()) {
            return new GoldenResult(name, false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                    got.chunks().size() + " chunks, reference has " + ref.size());
        }
        double maxAbs = 0;
        for (int c = 0; c < ref.size(); c++) {
            JsonArray refChunk = ref.get(c).getAsJsonArray();
            List<PromptToken> chunk = got.chunks().get(c);
            if (chunk.size() != refChunk.size()) {
                return new GoldenResult(name, false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                        "chunk " + c + " has " + chunk.size() + " positions, reference " + refChunk.size());
            }
            for (int i = 0; i < chunk.size(); i++) {
                JsonArray r = refChunk.get(i).getAsJsonArray();
                PromptToken t = chunk.get(i);
                int id = r.get(0).getAsInt();
                double w = r.get(1).getAsDouble();
                int word = r.get(2).getAsInt();
                if (t.id() != id || t.wordId() != word || Double.compare(t.weight(), w) != 0) {
                    return new GoldenResult(name, false, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                            "chunk " + c + " position " + i + ": got [" + t.id() + ", " + t.weight() + ", "
                                    + t.wordId() + "], reference " + r);
                }
                maxAbs = Math.max(maxAbs, Math.abs(t.weight() - w));
            }
        }
        return new GoldenResult(name, true, maxAbs, maxAbs, "");
    }

    private static String abbreviate(String prompt) {
        String p = prompt.replace("\n", "\\n").replace("\t", "\\t");
        return "'" + (p.length() > 40 ? p.substring(0, 40) + "…" : p) + "'";
    }
}
