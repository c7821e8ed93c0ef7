package dev.weft.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngMetadataTest {

    static byte[] tinyPng() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xff8040);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Chunk types in order, checking every CRC. */
    static List<String> chunks(byte[] png) {
        List<String> types = new ArrayList<>();
        int pos = 8;
        while (pos < png.length) {
            int len = ByteBuffer.wrap(png, pos, 4).getInt();
            CRC32 crc = new CRC32();
            crc.update(png, pos + 4, 4 + len);
            assertEquals((int) crc.getValue(), ByteBuffer.wrap(png, pos + 8 + len, 4).getInt(), "CRC of chunk at " + pos);
            types.add(new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1));
            pos += 12 + len;
        }
        return types;
    }

    @Test
    void workflowAndPromptWrittenByWeftReadBackEqual() throws Exception {
        JsonElement workflow = Resources.json("unknown-node.json");
        JsonElement prompt = Resources.json("reference-1b.api.json");
        byte[] png = PngMetadata.withWorkflow(tinyPng(), workflow, prompt, "t.png");
        Map<String, String> text = PngMetadata.readText(png, "t.png");
        assertEquals(List.of("prompt", "workflow"), List.copyOf(text.keySet()));
        assertEquals(workflow, JsonIo.parse(text.get("workflow"), "w"));
        assertEquals(prompt, JsonIo.parse(text.get("prompt"), "p"));
        assertTrue(text.get("workflow").chars().allMatch(c -> c < 0x80), "non-ASCII is escaped like json.dumps");
        assertTrue(text.get("workflow").contains("\\u00fcn"));
        List<String> types = chunks(png);
        assertEquals("IHDR", types.get(0));
        assertTrue(types.indexOf("tEXt") < types.indexOf("IDAT"), types.toString());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(0xff8040, back.getRGB(1, 1) & 0xffffff, "the image itself is untouched");
    }

    @Test
    void writingAgainReplacesChunksWithTheSameKeyword() throws Exception {
        byte[] once = PngMetadata.withText(tinyPng(), Map.of("prompt", "{}", "other", "x"), "t");
        byte[] twice = PngMetadata.withText(once, Map.of("prompt", "{\"a\":1}"), "t");
        Map<String, String> text = PngMetadata.readText(twice, "t");
        assertEquals("{\"a\":1}", text.get("prompt"));
        assertEquals("x", text.get("other"));
        assertEquals(2, chunks(twice).stream().filter("tEXt"::equals).count());
    }

    @Test
    void iTXtIsReadPlainAndCompressed() throws Exception {
        byte[] png = tinyPng();
        String workflow = "{\"nodes\": [], \"title\": \"caf\u00e9 \u2615\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature + IHDR
        PngMetadata.writeChunk(out, "iTXt", iTXt("workflow", false, workflow.getBytes(StandardCharsets.UTF_8)));
        PngMetadata.writeChunk(out, "iTXt", iTXt("prompt", true, deflate("{\"1\": 2}".getBytes(StandardCharsets.UTF_8))));
        out.write(png, 33, png.length - 33);
        Map<String, String> text = PngMetadata.readText(out.toByteArray(), "i.png");
        assertEquals(workflow, text.get("workflow"));
        assertEquals("{\"1\": 2}", text.get("prompt"));
    }

    private static byte[] iTXt(String key, boolean compressed, byte[] text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(key.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.write(compressed ? 1 : 0);
        b.write(0);
        b.writeBytes("en".getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.writeBytes("Arbeitsablauf".getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.writeBytes(text);
        return b.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[1024];
        int n = d.deflate(buf);
        d.end();
        byte[] out = new byte[n];
        System.arraycopy(buf, 0, out, 0, n);
        return out;
    }

    @Test
    void nonPngBytesGiveAClearError() {
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> PngMetadata.readText(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2, 3, 4, 5}, "photo.jpg"));
        assertEquals("photo.jpg: not a PNG file (the PNG signature is missing)", e.getMessage());
    }

    @Test
    void aTruncatedPngNamesTheChunk() throws Exception {
        byte[] png = tinyPng();
        byte[] inHeader = java.util.Arrays.copyOf(png, 20);
        WorkflowException e = assertThrows(WorkflowException.class, () -> PngMetadata.readText(inHeader, "cut.png"));
        assertEquals("cut.png: PNG chunk IHDR at byte 8 is cut short", e.getMessage());
        byte[] afterHeader = java.util.Arrays.copyOf(png, 40);
        e = assertThrows(WorkflowException.class, () -> PngMetadata.readText(afterHeader, "cut.png"));
        assertEquals("cut.png: the PNG file is cut short (it ends before its IEND chunk)", e.getMessage());
    }

    @Test
    void aPngWithoutTextHasNoEntries() throws Exception {
        assertEquals(new LinkedHashMap<>(), PngMetadata.readText(tinyPng(), "plain.png"));
        assertNotNull(tinyPng());
        assertArrayEquals(tinyPng(), PngMetadata.withText(tinyPng(), Map.of(), "p"));
    }
}
