package dev.weft.engine.vae;

/**
 * Floating-point work of a VAE decode as ComfyUI formulates it (nearest-2x upsampling followed by a
 * full 3x3 convolution at the doubled size), counting a multiply-add as two operations. Norms,
 * activations and additions are not counted. Used to state benchmark throughput on the same
 * footing as other implementations.
 */
public final class VaeFlopCount {
    private VaeFlopCount() {
    }

    /** Work of decoding an h x w latent (batch 1). */
    public static double decode(VaeConfig c, int h, int w) {
        int levels = c.levels();
        int in = c.channels(levels - 1);
        double px = (double) h * w;
        double f = conv(c.embedDim(), c.zChannels(), 1, px) + conv(c.zChannels(), in, 3, px);
        f += 2 * resnet(in, in, px) + attention(in, px);
        for (int i = levels - 1; i >= 0; i--) {
            int o = c.channels(i);
            for (int j = 0; j <= c.numResBlocks(); j++) {
                f += resnet(in, o, px);
                in = o;
                if (c.decoderAttnLevels().contains(i)) {
                    f += attention(in, px);
                }
            }
            if (i != 0) {
                px *= 4;
                f += conv(in, in, 3, px);
            }
        }
        return f + conv(in, c.imageChannels(), 3, px);
    }

    private static double conv(int in, int out, int k, double px) {
        return 2.0 * in * out * k * k * px;
    }

    private static double resnet(int in, int out, double px) {
        return conv(in, out, 3, px) + conv(out, out, 3, px) + (in != out ? conv(in, out, 1, px) : 0);
    }

    private static double attention(int c, double px) {
        return 4 * conv(c, c, 1, px) + 2 * 2.0 * px * px * c;
    }
}
