package dev.weft.engine.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer (what Hugging Face's slow {@code CLIPTokenizer} does without
 * ftfy): literal special tokens are split off first, the rest is cleaned and lower-cased
 * ({@link TextCleaner}), cut into words by the CLIP regex, each word's UTF-8 bytes are mapped to
 * printable characters, merged by rank with {@code </w>} marking the word end, and looked up in the
 * vocabulary (unknown pieces become the end-of-text id, CLIP's unknown token).
 *
 * <p>Thread-safe; the per-word merge cache is shared.
 */
public final class ClipBpeTokenizer {
    /** The start-of-text marker as written in vocab.json. */
    public static final String START_OF_TEXT = "<|startoftext|>";
    /** The end-of-text marker (also padding and unknown) as written in vocab.json. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String[] BYTE_CHARS = byteChars();
    private static final int CACHE_LIMIT = 50_000;

    private final ClipVocabulary vocab;
    private final int startId;
    private final int endId;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException if the vocabulary lacks the start or end marker
     */
    public ClipBpeTokenizer(ClipVocabulary vocab) {
        this.vocab = vocab;
        this.startId = vocab.id(START_OF_TEXT);
        this.endId = vocab.id(END_OF_TEXT);
        if (startId < 0 || endId < 0) {
            throw new IllegalArgumentException("vocab.json has no " + START_OF_TEXT + " / " + END_OF_TEXT
                    + " token: it is not a CLIP vocabulary");
        }
    }

    /** The vocabulary in use. */
    public ClipVocabulary vocabulary() {
        return vocab;
    }

    /** Id of {@code <|startoftext|>} (49406 for CLIP). */
    public int startId() {
        return startId;
    }

    /** Id of {@code <|endoftext|>} (49407 for CLIP), which also pads. */
    public int endId() {
        return endId;
    }

    /**
     * The token ids of {@code text}, without the start and end markers (Hugging Face's
     * {@code tokenizer(text)["input_ids"][1:-1]}).
     */
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        int pos = 0;
        while (pos <= text.length()) {
            int s = text.indexOf(START_OF_TEXT, pos);
            int e = text.indexOf(END_OF_TEXT, pos);
            int next = s < 0 ? e : e < 0 ? s : Math.min(s, e);
            if (next < 0) {
                encodePlain(text.substring(pos), out);
                break;
            }
            encodePlain(text.substring(pos, next), out);
            boolean start = next == s;
            out.add(start ? startId : endId);
            pos = next + (start ? START_OF_TEXT : END_OF_TEXT).length();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodePlain(String text, List<Integer> out) {
        if (text.isEmpty()) {
            return;
        }
        Matcher m = WORDS.matcher(TextCleaner.clean(text));
        while (m.find()) {
            for (int id : word(m.group())) {
                out.add(id);
            }
        }
    }

    /** Ids of one regex word, through the cache. */
    private int[] word(String word) {
        if (word.equals(START_OF_TEXT)) {
            return new int[] {startId};
        }
        if (word.equals(END_OF_TEXT)) {
            return new int[] {endId};
        }
        StringBuilder mapped = new StringBuilder(word.length() * 2);
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            mapped.append(BYTE_CHARS[b & 0xFF]);
        }
        String key = mapped.toString();
        int[] ids = cache.get(key);
        if (ids == null) {
            List<String> pieces = merge(key);
            ids = new int[pieces.size()];
            for (int i = 0; i < ids.length; i++) {
                int id = vocab.id(pieces.get(i));
                ids[i] = id >= 0 ? id : endId;
            }
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, ids);
        }
        return ids;
    }

    /** Applies the ranked merges to one mapped word: lowest rank first, every occurrence left to right. */
    private List<String> merge(String mapped) {
        List<String> word = new ArrayList<>(mapped.length());
        for (int i = 0; i < mapped.length(); i++) {
            word.add(String.valueOf(mapped.charAt(i)));
        }
        int last = word.size() - 1;
        word.set(last, word.get(last) + "</w>");
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < word.size(); i++) {
                int r = vocab.mergeRank(word.get(i), word.get(i + 1));
                if (r < best) {
                    best = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            String first = word.get(at);
            String second = word.get(at + 1);
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); ) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i += 2;
                } else {
                    merged.add(word.get(i));
                    i++;
                }
            }
            word = merged;
        }
        return word;
    }

    /**
     * GPT-2's reversible byte → character table: printable Latin-1 bytes map to themselves, the
     * other 68 bytes to U+0100 onwards, so no BPE symbol is whitespace or a control character.
     */
    private static String[] byteChars() {
        String[] out = new String[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = String.valueOf((char) (printable ? b : 256 + extra++));
        }
        return out;
    }
}
