package dev.weft.engine.text;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ComfyUI's SD 1.x prompt tokenizer ({@code SD1Tokenizer.tokenize_with_weights}): weight syntax
 * ({@link PromptWeights}), {@code embedding:name} textual inversion, and the chunking rule.
 *
 * <p>Each weighted run is cut before every {@code " embedding:"} / {@code "\nembedding:"}; each
 * piece becomes one <em>group</em> (its BPE tokens, or an embedding's vectors), and group {@code i}
 * gives its tokens word id {@code i + 1}. Groups fill chunks of {@value #CHUNK_LENGTH} positions
 * {@code [start, ..., end, pad...]}: a group that does not fit in what is left of a chunk moves whole
 * to the next chunk if it has fewer than {@value #MAX_WORD_LENGTH} tokens, and is split at the chunk
 * boundary otherwise. A missing embedding is dropped with a warning (text after its name is kept).
 *
 * <p>Thread-safe if its tokenizer and library are (both are).
 */
public final class PromptTokenizer {
    /** Positions per chunk, start and end included. */
    public static final int CHUNK_LENGTH = 77;
    /** Groups with at least this many tokens may be split across chunks. */
    public static final int MAX_WORD_LENGTH = 8;
    /** The prefix that names a textual-inversion embedding in a prompt. */
    public static final String EMBEDDING_PREFIX = "embedding:";

    private static final Pattern EMBEDDING_SPLIT = Pattern.compile(" " + EMBEDDING_PREFIX + "|\n" + EMBEDDING_PREFIX);
    private static final System.Logger LOG = System.getLogger(PromptTokenizer.class.getName());

    private final ClipBpeTokenizer bpe;
    private final EmbeddingLibrary embeddings;

    public PromptTokenizer(ClipBpeTokenizer bpe, EmbeddingLibrary embeddings) {
        this.bpe = bpe;
        this.embeddings = embeddings;
    }

    /** The BPE tokenizer underneath. */
    public ClipBpeTokenizer bpe() {
        return bpe;
    }

    /**
     * Tokenizes a prompt.
     *
     * @throws IllegalArgumentException if {@code embedding:} is not followed by a name
     * @throws EmbeddingLibrary.EmbeddingException if a named embedding exists but cannot be read
     */
    public TokenizedPrompt tokenize(String prompt) {
        List<String> warnings = new ArrayList<>();
        List<List<PromptToken>> groups = new ArrayList<>();
        for (PromptWeights.WeightedText run : PromptWeights.parse(prompt)) {
            for (String word : pieces(run.text())) {
                if (word.startsWith(EMBEDDING_PREFIX)) {
                    String name = stripNewlines(word.substring(EMBEDDING_PREFIX.length()));
                    Lookup found = lookUp(name);
                    if (found.embedding().isPresent()) {
                        TextualInversion e = found.embedding().get();
                        List<PromptToken> g = new ArrayList<>();
                        for (int r = 0; r < e.rows(); r++) {
                            g.add(PromptToken.ofEmbedding(e, r, run.weight(), 0));
                        }
                        groups.add(g);
                    } else {
                        String w = "embedding:" + found.name() + " was not found in the embeddings folder and was "
                                + "left out of the prompt";
                        LOG.log(Level.WARNING, w);
                        warnings.add(w);
                    }
                    if (found.leftover().isEmpty()) {
                        continue;
                    }
                    word = found.leftover();
                }
                List<PromptToken> g = new ArrayList<>();
                for (int id : bpe.encode(word)) {
                    g.add(PromptToken.ofId(id, run.weight(), 0));
                }
                groups.add(g);
            }
        }
        return new TokenizedPrompt(chunk(groups), warnings);
    }

    /** The run cut before each embedding reference; empty pieces dropped. */
    private static List<String> pieces(String text) {
        String[] split = EMBEDDING_SPLIT.split(text, -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            String p = i == 0 ? split[i] : EMBEDDING_PREFIX + split[i];
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private record Lookup(String name, Optional<TextualInversion> embedding, String leftover) {
    }

    /**
     * Reads the first whitespace-separated word as the embedding name; the rest is text. A name
     * with trailing or leading commas ({@code embedding:style,}) is retried without them, the commas
     * going back to the text.
     */
    private Lookup lookUp(String nameAndRest) {
        List<String> words = TextCleaner.splitWhitespace(nameAndRest);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("'" + EMBEDDING_PREFIX + "' in the prompt must be followed by an "
                    + "embedding's file name, e.g. embedding:my_style");
        }
        String name = words.get(0);
        String rest = String.join(" ", words.subList(1, words.size()));
        Optional<TextualInversion> e = embeddings.find(name);
        if (e.isEmpty()) {
            String stripped = stripCommas(name);
            if (stripped.length() < name.length()) {
                Optional<TextualInversion> retry = stripped.isEmpty() ? Optional.empty() : embeddings.find(stripped);
                // The reference slices by the stripped length, so leading commas return the name's tail.
                String tail = name.substring(name.offsetByCodePoints(0, stripped.codePointCount(0, stripped.length())));
                return new Lookup(stripped, retry, tail + " " + rest);
            }
        }
        return new Lookup(name, e, rest);
    }

    private static String stripCommas(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == ',') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == ',') {
            e--;
        }
        return s.substring(b, e);
    }

    private static String stripNewlines(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '\n') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '\n') {
            e--;
        }
        return s.substring(b, e);
    }

    /** Lays groups out in chunks, numbering word ids by group. */
    private List<List<PromptToken>> chunk(List<List<PromptToken>> groups) {
        int room = CHUNK_LENGTH - 1; // the end token always needs a place
        List<List<PromptToken>> chunks = new ArrayList<>();
        List<PromptToken> chunk = newChunk();
        chunks.add(chunk);
        for (int i = 0; i < groups.size(); i++) {
            List<PromptToken> group = groups.get(i);
            boolean large = group.size() >= MAX_WORD_LENGTH;
            int wordId = i + 1;
            while (!group.isEmpty()) {
                if (group.size() + chunk.size() > room) {
                    int remaining = room - chunk.size();
                    if (large) {
                        addAll(chunk, group.subList(0, remaining), wordId);
                        chunk.add(special(bpe.endId()));
                        group = group.subList(remaining, group.size());
                    } else {
                        chunk.add(special(bpe.endId()));
                        pad(chunk, remaining);
                    }
                    chunk = newChunk();
                    chunks.add(chunk);
                } else {
                    addAll(chunk, group, wordId);
                    group = List.of();
                }
            }
        }
        chunk.add(special(bpe.endId()));
        pad(chunk, CHUNK_LENGTH - chunk.size());
        return chunks;
    }

    private List<PromptToken> newChunk() {
        List<PromptToken> c = new ArrayList<>(CHUNK_LENGTH);
        c.add(special(bpe.startId()));
        return c;
    }

    private void pad(List<PromptToken> chunk, int count) {
        for (int k = 0; k < count; k++) {
            chunk.add(special(bpe.endId()));
        }
    }

    private static void addAll(List<PromptToken> chunk, List<PromptToken> group, int wordId) {
        for (PromptToken t : group) {
            chunk.add(new PromptToken(t.id(), t.embedding(), t.row(), t.weight(), wordId));
        }
    }

    private static PromptToken special(int id) {
        return PromptToken.ofId(id, 1.0, 0);
    }
}
