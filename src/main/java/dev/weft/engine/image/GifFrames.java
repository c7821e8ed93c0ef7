package dev.weft.engine.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * Animated GIF frames as Pillow shows them: each frame drawn at its offset onto the logical
 * screen over what the previous frames left (transparent pixels keep what is below), then disposed
 * of as its control block says (restore to background clears the frame's rectangle to
 * transparent, restore to previous puts back the canvas as it was before the frame). The result
 * has alpha when the file uses transparency anywhere. Reader on the calling thread.
 */
final class GifFrames {
    private GifFrames() {
    }

    static List<ImageLoader.Frame> decode(ImageReader reader) throws IOException {
        int count = reader.getNumImages(true);
        int sw = 0;
        int sh = 0;
        Node stream = reader.getStreamMetadata() == null ? null
                : reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
        Node screen = stream == null ? null : child(stream, "LogicalScreenDescriptor");
        if (screen != null) {
            sw = intAttr(screen, "logicalScreenWidth", 0);
            sh = intAttr(screen, "logicalScreenHeight", 0);
        }
        List<BufferedImage> images = new ArrayList<>();
        List<Node> metas = new ArrayList<>();
        boolean transparency = false;
        for (int i = 0; i < count; i++) {
            BufferedImage img = reader.read(i);
            Node meta = reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
            images.add(img);
            metas.add(meta);
            Node gce = child(meta, "GraphicControlExtension");
            transparency |= gce != null && "TRUE".equalsIgnoreCase(attr(gce, "transparentColorFlag"));
            Node desc = child(meta, "ImageDescriptor");
            int left = desc == null ? 0 : intAttr(desc, "imageLeftPosition", 0);
            int top = desc == null ? 0 : intAttr(desc, "imageTopPosition", 0);
            sw = Math.max(sw, left + img.getWidth());
            sh = Math.max(sh, top + img.getHeight());
        }
        int[] canvas = new int[sw * sh];
        List<ImageLoader.Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage img = images.get(i);
            Node meta = metas.get(i);
            Node desc = child(meta, "ImageDescriptor");
            int left = desc == null ? 0 : intAttr(desc, "imageLeftPosition", 0);
            int top = desc == null ? 0 : intAttr(desc, "imageTopPosition", 0);
            Node gce = child(meta, "GraphicControlExtension");
            String disposal = gce == null ? "none" : attr(gce, "disposalMethod");
            int[] before = canvas.clone();
            int fw = img.getWidth();
            int fh = img.getHeight();
            int[] argb = img.getRGB(0, 0, fw, fh, null, 0, fw);
            for (int y = 0; y < fh; y++) {
                for (int x = 0; x < fw; x++) {
                    int v = argb[y * fw + x];
                    if ((v >>> 24) != 0 && top + y < sh && left + x < sw) {
                        canvas[(top + y) * sw + left + x] = v;
                    }
                }
            }
            frames.add(toFrame(canvas, sh, sw, transparency));
            if ("restoreToBackgroundColor".equals(disposal)) {
                for (int y = top; y < Math.min(sh, top + fh); y++) {
                    for (int x = left; x < Math.min(sw, left + fw); x++) {
                        canvas[y * sw + x] = 0;
                    }
                }
            } else if ("restoreToPrevious".equals(disposal)) {
                canvas = before;
            }
        }
        return frames;
    }

    private static ImageLoader.Frame toFrame(int[] argb, int h, int w, boolean withAlpha) {
        float[] rgb = new float[h * w * 3];
        float[] alpha = withAlpha ? new float[h * w] : null;
        for (int p = 0; p < h * w; p++) {
            rgb[3 * p] = ((argb[p] >> 16) & 0xff) / 255f;
            rgb[3 * p + 1] = ((argb[p] >> 8) & 0xff) / 255f;
            rgb[3 * p + 2] = (argb[p] & 0xff) / 255f;
            if (withAlpha) {
                alpha[p] = (argb[p] >>> 24) / 255f;
            }
        }
        return new ImageLoader.Frame(h, w, rgb, alpha);
    }

    private static Node child(Node n, String name) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (name.equals(c.getNodeName())) {
                return c;
            }
        }
        return null;
    }

    private static String attr(Node n, String name) {
        Node a = ((IIOMetadataNode) n).getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    private static int intAttr(Node n, String name, int dflt) {
        String v = attr(n, name);
        return v == null ? dflt : Integer.parseInt(v);
    }
}
