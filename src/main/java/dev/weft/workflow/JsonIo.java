package dev.weft.workflow;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.weft.io.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON text in and out: parsing with clear errors, pretty output, atomic file writes. */
public final class JsonIo {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();
    private static final Gson COMPACT = new GsonBuilder().serializeNulls().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();
    private static final Pattern WHERE = Pattern.compile("^(.*?) at line (\\d+) column (\\d+)(?: path (\\S+))?");

    private JsonIo() {
    }

    /**
     * Parses JSON text. Numbers keep their original text, so writing them back is exact. NaN and
     * Infinity are accepted because Python's json module writes them.
     *
     * @param source names the text in error messages (a file name)
     * @throws WorkflowException "SOURCE: malformed JSON at line L column C: reason"
     */
    public static JsonElement parse(String text, String source) throws WorkflowException {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.LENIENT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new WorkflowException(source + ": malformed JSON: unexpected text after the end of the value "
                        + reader.getPath());
            }
            return e;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            if (e instanceof WorkflowException we) {
                throw we;
            }
            throw new WorkflowException(source + ": malformed JSON" + where(e), e);
        }
    }

    /** Reads and parses a UTF-8 JSON file. */
    public static JsonElement read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /** Pretty JSON, two-space indent, nulls kept, no HTML escaping. */
    public static String pretty(JsonElement e) {
        return PRETTY.toJson(e);
    }

    public static String compact(JsonElement e) {
        return COMPACT.toJson(e);
    }

    /**
     * Compact JSON with every non-ASCII character escaped as {@code \}{@code uXXXX}, like Python's
     * {@code json.dumps}; what ComfyUI stores in PNG tEXt chunks.
     */
    public static String asciiJson(JsonElement e) {
        String s = compact(e);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b.append(c);
            } else {
                // outside string literals JSON is pure ASCII, so every such char is inside a string
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** Writes pretty JSON atomically; see {@link #writeAtomically(Path, byte[])}. */
    public static void writePretty(Path file, JsonElement e) throws IOException {
        writeAtomically(file, (pretty(e) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes to a temporary file in the target's folder, forces them to disk, then renames it
     * over the target in one atomic step, so a crash never leaves a half-written file.
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, bytes);
    }

    /** A JSON number for a model coordinate: integral values are written without a fraction. */
    static JsonPrimitive number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 9.0e15) {
            return new JsonPrimitive((long) v);
        }
        return new JsonPrimitive(v);
    }

    private static String where(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        msg = msg.lines().findFirst().orElse(msg);
        Matcher m = WHERE.matcher(msg);
        if (m.find()) {
            return " at line " + m.group(2) + " column " + m.group(3) + ": " + m.group(1)
                    + (m.group(4) == null ? "" : " (path " + m.group(4) + ")");
        }
        if (t instanceof JsonIOException || msg.isEmpty()) {
            return "";
        }
        return ": " + msg;
    }
}
