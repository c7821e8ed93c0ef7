package dev.weft.engine.image;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG files as SaveImage and PreviewImage write them: 8-bit pixels by SaveImage's rounding
 * ({@link ImageTensors#toByteLevel}) and text chunks, one per key ({@code prompt}, {@code workflow},
 * ...) in insertion order. Values that are Latin-1 go in tEXt chunks, as Pillow writes ComfyUI's
 * ASCII JSON; others in uncompressed iTXt so they stay exact.
 */
public final class PngImages {
    /** SaveImage's zlib level. */
    public static final int SAVE_COMPRESS_LEVEL = 4;
    /** PreviewImage's zlib level. */
    public static final int PREVIEW_COMPRESS_LEVEL = 1;

    private PngImages() {
    }

    /**
     * One batch item of an IMAGE as PNG bytes.
     *
     * @param image         IMAGE [B, H, W, C], C = 1, 3 or 4
     * @param index         batch item
     * @param text          text chunks (key → value), may be empty
     * @param compressLevel zlib level 0..9
     */
    public static byte[] encode(NDArray image, int index, Map<String, String> text, int compressLevel)
            throws IOException {
        return encode(ImageTensors.toBufferedImage(image, index), text, compressLevel);
    }

    /** A {@link BufferedImage} as PNG bytes with text chunks. */
    public static byte[] encode(BufferedImage img, Map<String, String> text, int compressLevel) throws IOException {
        if (compressLevel < 0 || compressLevel > 9) {
            throw new IllegalArgumentException("PNG compress level must be 0..9, got " + compressLevel);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            // The JDK writer maps quality q to deflate level round(9 · (1 - q)).
            param.setCompressionQuality(1f - compressLevel / 9f);
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            if (!text.isEmpty()) {
                String format = "javax_imageio_png_1.0";
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode latin = new IIOMetadataNode("tEXt");
                IIOMetadataNode intl = new IIOMetadataNode("iTXt");
                for (Map.Entry<String, String> e : text.entrySet()) {
                    if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(e.getValue())) {
                        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                        entry.setAttribute("keyword", e.getKey());
                        entry.setAttribute("value", e.getValue());
                        latin.appendChild(entry);
                    } else {
                        IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                        entry.setAttribute("keyword", e.getKey());
                        entry.setAttribute("compressionFlag", "FALSE");
                        entry.setAttribute("compressionMethod", "0");
                        entry.setAttribute("languageTag", "");
                        entry.setAttribute("translatedKeyword", "");
                        entry.setAttribute("text", e.getValue());
                        intl.appendChild(entry);
                    }
                }
                if (latin.getLength() > 0) {
                    root.appendChild(latin);
                }
                if (intl.getLength() > 0) {
                    root.appendChild(intl);
                }
                meta.mergeTree(format, root);
            }
            writer.write(null, new IIOImage(img, null, meta), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
