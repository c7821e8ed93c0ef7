package dev.weft.engine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A prompt as the CLIP encoder takes it: chunks of (normally 77) positions, each
 * {@code [start, up to 75 tokens, end, padding...]}, plus the warnings tokenizing produced (missing
 * embeddings), which a node should show to the user.
 *
 * @param chunks   one list per chunk, in prompt order; never empty
 * @param warnings human-readable warnings, in order
 */
public record TokenizedPrompt(List<List<PromptToken>> chunks, List<String> warnings) {
    public TokenizedPrompt {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("a tokenized prompt has at least one chunk");
        }
        List<List<PromptToken>> copy = new ArrayList<>(chunks.size());
        for (List<PromptToken> c : chunks) {
            copy.add(List.copyOf(c));
        }
        chunks = List.copyOf(copy);
        warnings = List.copyOf(warnings);
    }

    /**
     * Chunks given directly as ids and weights (word ids 0), e.g. from a golden manifest.
     *
     * @param ids     {@code [chunks][positions]}
     * @param weights same shape as {@code ids}
     */
    public static TokenizedPrompt ofIds(int[][] ids, double[][] weights) {
        List<List<PromptToken>> chunks = new ArrayList<>();
        for (int c = 0; c < ids.length; c++) {
            if (weights[c].length != ids[c].length) {
                throw new IllegalArgumentException("chunk " + c + " has " + ids[c].length + " ids but "
                        + weights[c].length + " weights");
            }
            List<PromptToken> chunk = new ArrayList<>();
            for (int i = 0; i < ids[c].length; i++) {
                chunk.add(PromptToken.ofId(ids[c][i], weights[c][i], 0));
            }
            chunks.add(chunk);
        }
        return new TokenizedPrompt(chunks, List.of());
    }

    /** Whether any position has a weight other than exactly 1.0 (then the encoder also runs an empty prompt). */
    public boolean hasWeights() {
        for (List<PromptToken> c : chunks) {
            for (PromptToken t : c) {
                if (t.weight() != 1.0) {
                    return true;
                }
            }
        }
        return false;
    }
}
