package dev.weft.engine.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * The EXIF orientation tag (0x0112) of an image, as Pillow's {@code ImageOps.exif_transpose}
 * (which LoadImage calls) honours it, and the pixel transform that undoes it.
 *
 * <p>Read from what Java's ImageIO exposes: the APP1 "Exif" segment of a JPEG and the eXIf chunk of a
 * PNG (both kept by the readers as unknown markers/chunks), and tag 274 of a TIFF. Other formats,
 * or files without the tag, report 1 (upright). Pure; thread-safe.
 */
final class ExifOrientation {
    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation 1..8 recorded in the image metadata, 1 when there is none. */
    static int read(IIOMetadata meta) {
        if (meta == null) {
            return 1;
        }
        try {
            String[] formats = meta.getMetadataFormatNames();
            for (String f : formats == null ? new String[0] : formats) {
                Node root = meta.getAsTree(f);
                int o = switch (f) {
                    case "javax_imageio_jpeg_image_1.0" -> fromJpeg(root);
                    case "javax_imageio_png_1.0" -> fromPng(root);
                    case "com_sun_media_imageio_plugins_tiff_image_1.0" -> fromTiff(root);
                    default -> 0;
                };
                if (o >= 1 && o <= 8) {
                    return o;
                }
            }
        } catch (RuntimeException e) {
            // Malformed metadata must not stop the image from loading; Pillow ignores it too.
            return 1;
        }
        return 1;
    }

    private static int fromJpeg(Node root) {
        for (Node n : descendants(root, "unknown")) {
            Object data = ((IIOMetadataNode) n).getUserObject();
            String tag = attr(n, "MarkerTag");
            if ("225".equals(tag) && data instanceof byte[] b && b.length > 6 && b[0] == 'E' && b[1] == 'x'
                    && b[2] == 'i' && b[3] == 'f' && b[4] == 0 && b[5] == 0) {
                return fromTiffBytes(b, 6);
            }
        }
        return 0;
    }

    private static int fromPng(Node root) {
        for (Node n : descendants(root, "UnknownChunk")) {
            Object data = ((IIOMetadataNode) n).getUserObject();
            if ("eXIf".equals(attr(n, "type")) && data instanceof byte[] b) {
                return fromTiffBytes(b, 0);
            }
        }
        return 0;
    }

    private static int fromTiff(Node root) {
        for (Node n : descendants(root, "TIFFField")) {
            if (String.valueOf(TAG_ORIENTATION).equals(attr(n, "number"))) {
                for (Node v : descendants(n, "TIFFShort")) {
                    return Integer.parseInt(attr(v, "value"));
                }
            }
        }
        return 0;
    }

    /** Orientation from a TIFF structure (EXIF payload) starting at {@code off}: IFD0 only. */
    static int fromTiffBytes(byte[] b, int off) {
        if (b.length < off + 8) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (b[off] == 'I' && b[off + 1] == 'I') {
            buf.order(ByteOrder.LITTLE_ENDIAN);
        } else if (b[off] == 'M' && b[off + 1] == 'M') {
            buf.order(ByteOrder.BIG_ENDIAN);
        } else {
            return 0;
        }
        int ifd = off + buf.getInt(off + 4);
        if (ifd < off || ifd + 2 > b.length) {
            return 0;
        }
        int count = buf.getShort(ifd) & 0xffff;
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > b.length) {
                return 0;
            }
            if ((buf.getShort(e) & 0xffff) == TAG_ORIENTATION) {
                return buf.getShort(e + 8) & 0xffff;
            }
        }
        return 0;
    }

    /**
     * Undoes an orientation on interleaved samples [h, w, c]: returns the upright samples and sets
     * {@code size[0]} = new height, {@code size[1]} = new width. Mapping as Pillow's exif_transpose:
     * 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse,
     * 8 rotate 90° counter-clockwise.
     */
    static float[] apply(int orientation, float[] src, int h, int w, int c, int[] size) {
        boolean swap = orientation >= 5 && orientation <= 8;
        int oh = swap ? w : h;
        int ow = swap ? h : w;
        size[0] = oh;
        size[1] = ow;
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        float[] out = new float[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sy;
                int sx;
                switch (orientation) {
                    case 2 -> { sy = y; sx = w - 1 - x; }
                    case 3 -> { sy = h - 1 - y; sx = w - 1 - x; }
                    case 4 -> { sy = h - 1 - y; sx = x; }
                    case 5 -> { sy = x; sx = y; }
                    case 6 -> { sy = h - 1 - x; sx = y; }
                    case 7 -> { sy = h - 1 - x; sx = w - 1 - y; }
                    default -> { sy = x; sx = w - 1 - y; }
                }
                System.arraycopy(src, (sy * w + sx) * c, out, (y * ow + x) * c, c);
            }
        }
        return out;
    }

    private static java.util.List<Node> descendants(Node root, String name) {
        java.util.List<Node> out = new java.util.ArrayList<>();
        collect(root, name, out);
        return out;
    }

    private static void collect(Node n, String name, java.util.List<Node> out) {
        if (name.equals(n.getNodeName())) {
            out.add(n);
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            collect(c, name, out);
        }
    }

    private static String attr(Node n, String name) {
        Node a = n.getAttributes() == null ? null : n.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }
}
