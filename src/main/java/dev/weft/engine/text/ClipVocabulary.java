package dev.weft.engine.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * CLIP's byte-level BPE data: the token → id map of {@code vocab.json} and the ranked merges of
 * {@code merges.txt}. Immutable and safe to share between threads.
 *
 * <p>Each file also has a <em>content digest</em>: a SHA-256 over a canonical form of what the
 * tokenizer actually uses, not over the file's bytes. The same vocabulary is published pretty-printed
 * (ComfyUI's bundled copy) and as one compact line (the Hugging Face hub), and a Windows checkout may
 * turn merges.txt's line ends into CRLF; all of these must be recognised as the same data.
 * <ul>
 *   <li>vocab: UTF-8 of {@code token + '\t' + id + '\n'} for every entry, in ascending id order;</li>
 *   <li>merges: UTF-8 of {@code line + '\n'} for every merge line that is used (the header line
 *       {@code #version ...} and anything past the first {@value #MAX_MERGES} merges excluded).</li>
 * </ul>
 */
public final class ClipVocabulary {
    /** CLIP was trained with 49152 − 256 − 2 merges; like Hugging Face's tokenizer, later lines are ignored. */
    public static final int MAX_MERGES = 49152 - 256 - 2;

    private final Map<String, Integer> ids;
    private final Map<String, Integer> mergeRanks;
    private final String vocabDigest;
    private final String mergesDigest;

    private ClipVocabulary(Map<String, Integer> ids, List<String> merges) {
        this.ids = Map.copyOf(ids);
        Map<String, Integer> ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) {
            ranks.put(merges.get(i), i); // a repeated merge keeps its last rank, as in a Python dict
        }
        this.mergeRanks = ranks;
        this.vocabDigest = digestVocab(ids);
        this.mergesDigest = digestMerges(merges);
    }

    /**
     * Reads {@code vocab.json} and {@code merges.txt}.
     *
     * @throws IOException if a file cannot be read or is not a CLIP vocabulary (the message names the file)
     */
    public static ClipVocabulary load(Path vocabJson, Path mergesTxt) throws IOException {
        return parse(readUtf8(vocabJson), readUtf8(mergesTxt), vocabJson.toString(), mergesTxt.toString());
    }

    /** Reads {@code vocab.json} and {@code merges.txt} from one folder. */
    public static ClipVocabulary load(Path folder) throws IOException {
        return load(folder.resolve(TokenizerFiles.VOCAB), folder.resolve(TokenizerFiles.MERGES));
    }

    /**
     * Parses the two files' contents.
     *
     * @param vocabName  how to call the vocab file in errors
     * @param mergesName how to call the merges file in errors
     * @throws IOException naming the file whose content is malformed
     */
    public static ClipVocabulary parse(String vocabJson, String mergesTxt, String vocabName, String mergesName)
            throws IOException {
        return new ClipVocabulary(parseVocab(vocabJson, vocabName), parseMerges(mergesTxt, mergesName));
    }

    static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text", e);
        }
    }

    private static Map<String, Integer> parseVocab(String json, String name) throws IOException {
        JsonObject obj;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new IOException(name + " is not a JSON object of token → id");
            }
            obj = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(name + " is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Integer> out = new HashMap<>(obj.size() * 2);
        for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
            JsonElement v = e.getValue();
            if (!(v instanceof JsonPrimitive p) || !p.isNumber()) {
                throw new IOException(name + ": the id of token '" + e.getKey() + "' is not a number");
            }
            out.put(e.getKey(), p.getAsInt());
        }
        if (out.isEmpty()) {
            throw new IOException(name + " has no tokens");
        }
        return out;
    }

    private static List<String> parseMerges(String text, String name) throws IOException {
        String[] lines = text.strip().split("\n", -1);
        List<String> merges = new ArrayList<>(Math.min(lines.length, MAX_MERGES));
        for (int i = 0; i < lines.length && merges.size() < MAX_MERGES; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (i == 0 && line.startsWith("#version")) {
                continue;
            }
            String[] parts = line.split(" ");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IOException(name + " line " + (i + 1) + " is not a merge 'a b': '" + line + "'");
            }
            merges.add(line);
        }
        return merges;
    }

    private static String digestVocab(Map<String, Integer> ids) {
        MessageDigest md = sha256();
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(ids.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        for (Map.Entry<String, Integer> e : entries) {
            md.update((e.getKey() + "\t" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String digestMerges(List<String> merges) {
        MessageDigest md = sha256();
        for (String m : merges) {
            md.update((m + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Number of tokens in vocab.json. */
    public int size() {
        return ids.size();
    }

    /** The id of {@code token}, or {@code -1} if it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The rank of merging {@code first} and {@code second} (lower merges first), or {@link Integer#MAX_VALUE}. */
    int mergeRank(String first, String second) {
        Integer r = mergeRanks.get(first + " " + second);
        return r == null ? Integer.MAX_VALUE : r;
    }

    /** Number of merges in use. */
    public int mergeCount() {
        return mergeRanks.size();
    }

    /** SHA-256 (hex) of the canonical vocab content (see the class comment). */
    public String vocabDigest() {
        return vocabDigest;
    }

    /** SHA-256 (hex) of the canonical merges content (see the class comment). */
    public String mergesDigest() {
        return mergesDigest;
    }
}
