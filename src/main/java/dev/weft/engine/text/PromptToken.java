package dev.weft.engine.text;

/**
 * One position of a 77-token chunk: either a vocabulary id or one vector of a textual-inversion
 * embedding, with the prompt weight of the text it came from and its word id.
 *
 * @param id        vocabulary id, or {@code -1} for an embedding vector
 * @param embedding the embedding this vector belongs to, {@code null} for a vocabulary id
 * @param row       which vector of {@code embedding} (0 for vocabulary ids)
 * @param weight    prompt weight (1.0 for start, end and padding)
 * @param wordId    1-based index of the text run or embedding it came from; 0 for start, end and padding
 */
public record PromptToken(int id, TextualInversion embedding, int row, double weight, int wordId) {
    public PromptToken {
        if ((embedding == null) == (id < 0)) {
            throw new IllegalArgumentException("a prompt token is either a vocabulary id or an embedding vector");
        }
    }

    /** A vocabulary token. */
    public static PromptToken ofId(int id, double weight, int wordId) {
        return new PromptToken(id, null, 0, weight, wordId);
    }

    /** Vector {@code row} of {@code embedding}. */
    public static PromptToken ofEmbedding(TextualInversion embedding, int row, double weight, int wordId) {
        return new PromptToken(-1, embedding, row, weight, wordId);
    }

    /** Whether this position holds an embedding vector rather than a vocabulary id. */
    public boolean isEmbedding() {
        return embedding != null;
    }
}
