package dev.weft.workflow;

import com.google.gson.JsonElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Text metadata of PNG files, the way ComfyUI stores workflows in images: a {@code tEXt} chunk
 * {@code prompt} with the API prompt and one {@code workflow} with the UI workflow, each holding
 * JSON with non-ASCII characters escaped (so the text is plain ASCII).
 *
 * <p>Reading walks every chunk and decodes {@code tEXt}, {@code iTXt} (skipping the compression
 * flag and method, language tag and translated keyword, and inflating the text when the flag is
 * set) and {@code zTXt}; text is decoded as UTF-8, as the frontend does.
 */
public final class PngMetadata {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngMetadata() {
    }

    /** Whether the bytes start with the PNG signature. */
    public static boolean isPng(byte[] bytes) {
        return bytes.length >= SIGNATURE.length && Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE);
    }

    /**
     * All text chunks, keyword to text, in file order (a later chunk with the same keyword wins).
     *
     * @param source names the image in error messages
     * @throws WorkflowException when the bytes are not a PNG or a chunk is cut short
     */
    public static Map<String, String> readText(byte[] png, String source) throws WorkflowException {
        if (!isPng(png)) {
            throw new WorkflowException(source + ": not a PNG file (the PNG signature is missing)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        int pos = SIGNATURE.length;
        while (pos + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (length < 0 || data + length + 4 > png.length) {
                throw new WorkflowException(source + ": PNG chunk " + type + " at byte " + pos + " is cut short");
            }
            byte[] body = Arrays.copyOfRange(png, data, data + length);
            switch (type) {
                case "tEXt" -> putText(out, body, false);
                case "zTXt" -> putText(out, body, true);
                case "iTXt" -> putInternational(out, body, source);
                case "IEND" -> {
                    return out;
                }
                default -> {
                    // image data and other chunks carry no metadata
                }
            }
            pos = data + length + 4;
        }
        throw new WorkflowException(source + ": the PNG file is cut short (it ends before its IEND chunk)");
    }

    public static Map<String, String> readText(Path file) throws IOException {
        return readText(Files.readAllBytes(file), file.getFileName().toString());
    }

    /**
     * A copy of the PNG with the given text chunks, placed before the first {@code IDAT}; existing
     * text chunks with the same keywords are removed. Texts must be Latin-1 (use
     * {@link JsonIo#asciiJson} for JSON).
     *
     * @throws WorkflowException when the bytes are not a PNG
     */
    public static byte[] withText(byte[] png, Map<String, String> texts, String source) throws WorkflowException {
        if (!isPng(png)) {
            throw new WorkflowException(source + ": not a PNG file (the PNG signature is missing)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 1024);
        out.write(png, 0, SIGNATURE.length);
        boolean written = false;
        int pos = SIGNATURE.length;
        while (pos + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int end = pos + 12 + length;
            if (length < 0 || end > png.length) {
                throw new WorkflowException(source + ": PNG chunk " + type + " at byte " + pos + " is cut short");
            }
            boolean replaced = isText(type) && texts.containsKey(keyword(png, pos + 8, length));
            if (!written && (type.equals("IDAT") || type.equals("IEND"))) {
                texts.forEach((k, v) -> writeChunk(out, "tEXt", textBody(k, v)));
                written = true;
            }
            if (!replaced) {
                out.write(png, pos, end - pos);
            }
            pos = end;
        }
        if (!written) {
            throw new WorkflowException(source + ": the PNG file is cut short (it has no IDAT or IEND chunk)");
        }
        return out.toByteArray();
    }

    /** Embeds a workflow and a prompt as ComfyUI's SaveImage does; either may be null. */
    public static byte[] withWorkflow(byte[] png, JsonElement workflow, JsonElement prompt, String source)
            throws WorkflowException {
        Map<String, String> texts = new LinkedHashMap<>();
        if (prompt != null) {
            texts.put("prompt", JsonIo.asciiJson(prompt));
        }
        if (workflow != null) {
            texts.put("workflow", JsonIo.asciiJson(workflow));
        }
        return withText(png, texts, source);
    }

    /** Rewrites a PNG file in place (atomically) with the given text chunks. */
    public static void writeText(Path file, Map<String, String> texts) throws IOException {
        byte[] png = Files.readAllBytes(file);
        JsonIo.writeAtomically(file, withText(png, texts, file.getFileName().toString()));
    }

    // ---- chunks

    private static boolean isText(String type) {
        return type.equals("tEXt") || type.equals("iTXt") || type.equals("zTXt");
    }

    private static String keyword(byte[] png, int from, int length) {
        int nul = from;
        while (nul < from + length && png[nul] != 0) {
            nul++;
        }
        return new String(png, from, nul - from, StandardCharsets.ISO_8859_1);
    }

    private static void putText(Map<String, String> out, byte[] body, boolean compressed) throws WorkflowException {
        int nul = indexOf(body, 0);
        if (nul < 0) {
            return;
        }
        String key = new String(body, 0, nul, StandardCharsets.ISO_8859_1);
        byte[] text = compressed ? inflate(Arrays.copyOfRange(body, nul + 2, body.length), key)
                : Arrays.copyOfRange(body, nul + 1, body.length);
        out.put(key, new String(text, StandardCharsets.UTF_8));
    }

    /** iTXt: keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, text. */
    private static void putInternational(Map<String, String> out, byte[] body, String source) throws WorkflowException {
        int nul = indexOf(body, 0);
        if (nul < 0 || nul + 2 >= body.length) {
            return;
        }
        String key = new String(body, 0, nul, StandardCharsets.ISO_8859_1);
        boolean compressed = body[nul + 1] != 0;
        int lang = indexOf(body, nul + 3);
        int translated = lang < 0 ? -1 : indexOf(body, lang + 1);
        if (translated < 0) {
            throw new WorkflowException(source + ": iTXt chunk '" + key + "' is malformed");
        }
        byte[] text = Arrays.copyOfRange(body, translated + 1, body.length);
        out.put(key, new String(compressed ? inflate(text, key) : text, StandardCharsets.UTF_8));
    }

    private static byte[] inflate(byte[] data, String key) throws WorkflowException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new WorkflowException("compressed PNG text '" + key + "' is cut short");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new WorkflowException("compressed PNG text '" + key + "' is corrupt: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    private static byte[] textBody(String key, String text) {
        if (key.isEmpty() || key.length() > 79) {
            throw new IllegalArgumentException("PNG text keyword must be 1 to 79 characters: '" + key + "'");
        }
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(key + text)) {
            throw new IllegalArgumentException("PNG tEXt '" + key + "' must be Latin-1; escape JSON with JsonIo.asciiJson");
        }
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[k.length + 1 + t.length];
        System.arraycopy(k, 0, body, 0, k.length);
        System.arraycopy(t, 0, body, k.length + 1, t.length);
        return body;
    }

    /** Writes length, type, data and the CRC-32 of type and data. */
    static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
