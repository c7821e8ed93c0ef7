package dev.weft.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.tensor.TensorRuntime;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageIoTest {
    private NDManager m;

    @BeforeEach
    void setUp() {
        TensorRuntime.ensureInit();
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void saveImageTruncatesAndLoadImageDividesBy255() throws IOException {
        float[] values = {0f, 0.5f, 1f, 0.999f, -0.2f, 1.7f, 0.0039f, 0.25f, 0.75f, 0.1f, 0.2f, 0.3f};
        NDArray image = m.create(values, new Shape(1, 2, 2, 3));
        byte[] bytes = PngImages.encode(image, 0, Map.of(), PngImages.SAVE_COMPRESS_LEVEL);
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(bytes, m)) {
            float[] got = loaded.image().toFloatArray();
            int[] levels = {0, 127, 255, 254, 0, 255, 0, 63, 191, 25, 51, 76};
            for (int i = 0; i < values.length; i++) {
                assertEquals(levels[i] / 255f, got[i], 0f, "value " + values[i]);
            }
            assertEquals(new Shape(1, 64, 64), loaded.mask().getShape());
            assertEquals(0f, loaded.mask().sum().getFloat());
        }
    }

    @Test
    void pngTextChunksCarryThePromptAndWorkflowInOrder() throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("prompt", "{\"3\": {\"class_type\": \"KSampler\"}}");
        text.put("workflow", "{\"nodes\": [], \"note\": \"caf\u00e9 \u2603\"}");
        byte[] bytes = PngImages.encode(new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR), text, 4);
        Map<String, String> chunks = textChunks(bytes);
        assertEquals(text, chunks);
    }

    @Test
    void alphaBecomesTheInvertedMask() throws IOException {
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00ff0000);
        img.setRGB(1, 0, 0x8000ff00);
        img.setRGB(2, 0, 0xff0000ff);
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(png(img), m)) {
            assertEquals(new Shape(1, 1, 3), loaded.mask().getShape());
            assertArrayEquals(new float[] {1f, 1f - 128 / 255f, 0f}, loaded.mask().toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, loaded.image().toFloatArray(), 0f);
        }
    }

    @Test
    void paletteWithTransparencyGivesAMaskAndPaletteColours() throws IOException {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, (byte) 200};
        byte[] b = {0, 10};
        byte[] a = {(byte) 255, 0};
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b, a));
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 1);
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(png(img), m)) {
            assertArrayEquals(new float[] {0f, 1f}, loaded.mask().toFloatArray(), 0f);
            assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 200 / 255f, 10 / 255f}, loaded.image().toFloatArray(), 0f);
        }
    }

    @Test
    void grayIsReplicatedWithoutGammaConversion() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 100);
        img.getRaster().setSample(1, 0, 0, 7);
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(png(img), m)) {
            float a = 100 / 255f;
            float b = 7 / 255f;
            assertArrayEquals(new float[] {a, a, a, b, b, b}, loaded.image().toFloatArray(), 0f);
        }
    }

    @Test
    void sixteenBitGrayIsScaledBy255AndSixteenBitColourKeepsTheHighByte() throws IOException {
        BufferedImage gray = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = {0, 255, 25600, 65535};
        for (int x = 0; x < 4; x++) {
            gray.getRaster().setSample(x, 0, 0, samples[x]);
        }
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(png(gray), m)) {
            float[] v = loaded.image().toFloatArray();
            int[] levels = {0, 1, 100, 255};
            for (int x = 0; x < 4; x++) {
                assertEquals(levels[x] / 255f, v[3 * x], 0f, "sample " + samples[x]);
            }
        }
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {0x12ff, 0xab00, 0xffff});
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(png(rgb16), m)) {
            assertArrayEquals(new float[] {0x12 / 255f, 0xab / 255f, 1f}, loaded.image().toFloatArray(), 0f);
        }
    }

    @Test
    void exifOrientationSixRotatesAJpegClockwise() throws IOException {
        // 32 wide x 16 high: left half red, right half blue. Orientation 6 = rotate 90 deg clockwise,
        // so the upright image is 16 wide x 32 high with red on top.
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, x < 16 ? 0xff0000 : 0x0000ff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        byte[] jpeg = withApp1Exif(out.toByteArray(), 6);
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(jpeg, m)) {
            assertEquals(new Shape(1, 32, 16, 3), loaded.image().getShape());
            float[] v = loaded.image().toFloatArray();
            int top = (4 * 16 + 8) * 3;
            int bottom = (28 * 16 + 8) * 3;
            assertTrue(v[top] > 0.9f && v[top + 2] < 0.1f, "red on top");
            assertTrue(v[bottom] < 0.1f && v[bottom + 2] > 0.9f, "blue at the bottom");
        }
    }

    @Test
    void exifOrientationInAPngExifChunkIsHonoured() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(0, 0, 0xff0000);
        byte[] bytes = withPngChunk(png(img), "eXIf", tiffOrientation(8));
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(bytes, m)) {
            // 8 = rotate 90 deg counter-clockwise: 2 wide x 3 high, the red corner moves to bottom-left.
            assertEquals(new Shape(1, 3, 2, 3), loaded.image().getShape());
            float[] v = loaded.image().toFloatArray();
            assertEquals(1f, v[(2 * 2 + 0) * 3], 0f);
            assertEquals(0f, v[0], 0f);
        }
    }

    @Test
    void orientationTransformsMatchPillowsTransposeTable() {
        // 2x3 samples numbered row-major, one channel.
        float[] src = {1, 2, 3, 4, 5, 6};
        int[] size = new int[2];
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, ExifOrientation.apply(2, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, ExifOrientation.apply(3, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, ExifOrientation.apply(4, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, ExifOrientation.apply(5, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new float[] {4, 1, 5, 2, 6, 3}, ExifOrientation.apply(6, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new float[] {6, 3, 5, 2, 4, 1}, ExifOrientation.apply(7, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new float[] {3, 6, 2, 5, 1, 4}, ExifOrientation.apply(8, src, 2, 3, 1, size), 0f);
        assertArrayEquals(new int[] {3, 2}, size);
    }

    @Test
    void tiffPagesOfTheFirstPagesSizeAreBatchedAndOthersSkipped() throws IOException {
        BufferedImage p1 = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage p2 = new BufferedImage(3, 3, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage p3 = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        p1.setRGB(0, 0, 0xffffff);
        p3.setRGB(3, 1, 0xffffff);
        ImageWriter w = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (BufferedImage p : new BufferedImage[] {p1, p2, p3}) {
                w.writeToSequence(new IIOImage(p, null, null), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(bytes.toByteArray(), m)) {
            assertEquals(new Shape(2, 2, 4, 3), loaded.image().getShape());
            float[] v = loaded.image().toFloatArray();
            assertEquals(1f, v[0], 0f);                      // page 1, pixel (0, 0)
            assertEquals(1f, v[24 + (1 * 4 + 3) * 3], 0f);   // page 3, pixel (3, 1)
            assertEquals(3f * 2, loaded.image().sum().getFloat(), 0f);
            assertEquals(new Shape(2, 64, 64), loaded.mask().getShape());
        }
    }

    @Test
    void gifFramesAreCompositedAtTheirOffsetsWithTransparencyAndDisposal() throws IOException {
        int[] palette = {0x000000, 0xffffff, 0xff0000, 0x0000ff};
        // Frame 1 fills the 4x2 screen with white. Frame 2 is a 2x1 patch at (1, 1): red, then a
        // transparent pixel (index 3) that must leave frame 1's white visible; it is disposed to the
        // background. Frame 3 is a 1x1 blue pixel at (0, 0) drawn over the cleared patch.
        byte[] gif = TestGifs.animated(4, 2, palette,
                new TestGifs.Frame(0, 0, 4, 2, new int[] {1, 1, 1, 1, 1, 1, 1, 1}, 1, -1),
                new TestGifs.Frame(1, 1, 2, 1, new int[] {2, 3}, 2, 3),
                new TestGifs.Frame(0, 0, 1, 1, new int[] {3}, 1, -1));
        try (ImageLoader.LoadedImage loaded = ImageLoader.load(gif, m)) {
            assertEquals(new Shape(3, 2, 4, 3), loaded.image().getShape());
            float[] v = loaded.image().toFloatArray();
            int frame = 2 * 4 * 3;
            assertArrayEquals(new float[] {1, 0, 0}, java.util.Arrays.copyOfRange(v, frame + 15, frame + 18), 0f);
            assertArrayEquals(new float[] {1, 1, 1}, java.util.Arrays.copyOfRange(v, frame + 18, frame + 21), 0f);
            // After disposal the patch is transparent black, the rest of frame 1 stays.
            assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(v, 2 * frame, 2 * frame + 3), 0f);
            assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOfRange(v, 2 * frame + 15, 2 * frame + 18), 0f);
            assertArrayEquals(new float[] {1, 1, 1}, java.util.Arrays.copyOfRange(v, 2 * frame + 21, 2 * frame + 24), 0f);
            // The file uses transparency, so every frame has a mask: 1 where nothing was drawn.
            assertEquals(new Shape(3, 2, 4), loaded.mask().getShape());
            float[] mask = loaded.mask().toFloatArray();
            assertEquals(0f, mask[1 * 4 + 2], 0f);
            assertEquals(1f, mask[2 * 8 + 1 * 4 + 1], 0f);
        }
    }

    @Test
    void notAnImageSaysWhatIsSupported() {
        IOException e = assertThrows(IOException.class,
                () -> ImageLoader.load("hello".getBytes(StandardCharsets.US_ASCII), m));
        assertEquals("not an image Weft can read (supported: PNG, JPEG, GIF, BMP, TIFF)", e.getMessage());
    }

    static byte[] tiffOrientation(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(26);
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    private static byte[] withApp1Exif(byte[] jpeg, int orientation) {
        byte[] tiff = tiffOrientation(orientation);
        int len = 2 + 6 + tiff.length;
        ByteBuffer seg = ByteBuffer.allocate(2 + len);
        seg.put((byte) 0xff).put((byte) 0xe1).putShort((short) len).put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put(tiff);
        // After SOI and the JFIF APP0 segment.
        int app0 = 2 + 2 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + seg.capacity());
        out.put(jpeg, 0, app0).put(seg.array()).put(jpeg, app0, jpeg.length - app0);
        return out.array();
    }

    private static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        // Insert right after IHDR (8-byte signature + 25-byte IHDR chunk).
        int at = 8 + 25;
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        chunk.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        ByteBuffer out = ByteBuffer.allocate(png.length + chunk.capacity());
        out.put(png, 0, at).put(chunk.array()).put(png, at, png.length - at);
        return out.array();
    }

    /** tEXt and iTXt chunks of a PNG, keyword to text, in file order. */
    static Map<String, String> textChunks(byte[] png) {
        Map<String, String> out = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        int p = 8;
        while (p + 8 <= png.length) {
            int len = b.getInt(p);
            String type = new String(png, p + 4, 4, StandardCharsets.US_ASCII);
            int data = p + 8;
            if (type.equals("tEXt") || type.equals("iTXt")) {
                int nul = data;
                while (png[nul] != 0) {
                    nul++;
                }
                String key = new String(png, data, nul - data, StandardCharsets.ISO_8859_1);
                if (type.equals("tEXt")) {
                    out.put(key, new String(png, nul + 1, data + len - nul - 1, StandardCharsets.ISO_8859_1));
                } else {
                    int q = nul + 3; // compression flag, method
                    while (png[q] != 0) {
                        q++; // language tag
                    }
                    q++;
                    while (png[q] != 0) {
                        q++; // translated keyword
                    }
                    q++;
                    out.put(key, new String(png, q, data + len - q, StandardCharsets.UTF_8));
                }
            }
            p = data + len + 4;
        }
        return out;
    }
}
