package dev.weft.engine.unet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter key and shape a {@link UNet} or {@link ControlNet} of a given architecture reads,
 * in checkpoint naming (keys relative to the model). Used to build random full-size models for
 * benchmarks and tiny models for tests; {@link UNetConfig#detect} of these shapes gives the
 * config back.
 */
public final class ParameterShapes {
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final UNetConfig config;

    private ParameterShapes(UNetConfig config) {
        this.config = config;
    }

    /** Keys and shapes of a UNet with {@code config} (which must have output blocks). */
    public static Map<String, long[]> unet(UNetConfig config) {
        ParameterShapes p = new ParameterShapes(config);
        p.encoder();
        UNetLayout layout = UNetLayout.of(config);
        for (UNetLayout.OutputBlock b : layout.output()) {
            p.resBlock(b.prefix() + "0.", b.inChannels() + b.skipChannels(), b.outChannels());
            if (b.depth() > 0) {
                p.transformer(b.prefix() + "1.", b.outChannels(), b.depth());
            }
            if (b.upsampleAt() >= 0) {
                p.conv(b.prefix() + b.upsampleAt() + ".conv.", b.outChannels(), b.outChannels(), 3);
            }
        }
        int mc = config.modelChannels();
        p.norm("out.0.", mc);
        p.conv("out.2.", config.outChannels(), mc, 3);
        return p.shapes;
    }

    /** Keys and shapes of a ControlNet with {@code config}. */
    public static Map<String, long[]> controlNet(ControlNetConfig config) {
        UNetConfig c = config.encoder();
        ParameterShapes p = new ParameterShapes(c);
        p.encoder();
        int[] widths = {16, 16, 32, 32, 96, 96, 256, c.modelChannels()};
        int in = config.hintChannels();
        for (int i = 0; i < widths.length; i++) {
            p.conv("input_hint_block." + 2 * i + ".", widths[i], in, 3);
            in = widths[i];
        }
        UNetLayout layout = UNetLayout.of(c);
        for (UNetLayout.InputBlock b : layout.input()) {
            p.conv("zero_convs." + b.index() + ".0.", b.outChannels(), b.outChannels(), 1);
        }
        p.conv("middle_block_out.0.", layout.middle().channels(), layout.middle().channels(), 1);
        return p.shapes;
    }

    private void encoder() {
        UNetConfig c = config;
        int e = c.timeEmbedDim();
        linear("time_embed.0.", e, c.modelChannels());
        linear("time_embed.2.", e, e);
        if (c.admInChannels() > 0) {
            linear("label_emb.0.0.", e, c.admInChannels());
            linear("label_emb.0.2.", e, e);
        }
        UNetLayout layout = UNetLayout.of(c);
        for (UNetLayout.InputBlock b : layout.input()) {
            switch (b.kind()) {
                case CONV_IN -> conv(b.prefix() + "0.", b.outChannels(), b.inChannels(), 3);
                case DOWNSAMPLE -> conv(b.prefix() + "0.op.", b.outChannels(), b.inChannels(), 3);
                case RES -> {
                    resBlock(b.prefix() + "0.", b.inChannels(), b.outChannels());
                    if (b.depth() > 0) {
                        transformer(b.prefix() + "1.", b.outChannels(), b.depth());
                    }
                }
                default -> throw new IllegalStateException(b.kind().toString());
            }
        }
        int ch = layout.middle().channels();
        resBlock("middle_block.0.", ch, ch);
        if (layout.middle().depth() >= 0) {
            transformer("middle_block.1.", ch, layout.middle().depth());
            resBlock("middle_block.2.", ch, ch);
        }
    }

    private void resBlock(String p, int in, int out) {
        norm(p + "in_layers.0.", in);
        conv(p + "in_layers.2.", out, in, 3);
        linear(p + "emb_layers.1.", out, config.timeEmbedDim());
        norm(p + "out_layers.0.", out);
        conv(p + "out_layers.3.", out, out, 3);
        if (in != out) {
            conv(p + "skip_connection.", out, in, 1);
        }
    }

    private void transformer(String p, int ch, int depth) {
        norm(p + "norm.", ch);
        projection(p + "proj_in.", ch);
        for (int i = 0; i < depth; i++) {
            String b = p + "transformer_blocks." + i + ".";
            attention(b + "attn1.", ch, ch);
            attention(b + "attn2.", ch, config.contextDim());
            linear(b + "ff.net.0.proj.", 8 * ch, ch);
            linear(b + "ff.net.2.", ch, 4 * ch);
            for (String n : new String[] {"norm1.", "norm2.", "norm3."}) {
                norm(b + n, ch);
            }
        }
        projection(p + "proj_out.", ch);
    }

    private void projection(String p, int ch) {
        if (config.useLinearInTransformer()) {
            linear(p, ch, ch);
        } else {
            conv(p, ch, ch, 1);
        }
    }

    private void attention(String p, int ch, int sourceWidth) {
        shapes.put(p + "to_q.weight", new long[] {ch, ch});
        shapes.put(p + "to_k.weight", new long[] {ch, sourceWidth});
        shapes.put(p + "to_v.weight", new long[] {ch, sourceWidth});
        linear(p + "to_out.0.", ch, ch);
    }

    private void linear(String p, int out, int in) {
        shapes.put(p + "weight", new long[] {out, in});
        shapes.put(p + "bias", new long[] {out});
    }

    private void conv(String p, int out, int in, int k) {
        shapes.put(p + "weight", new long[] {out, in, k, k});
        shapes.put(p + "bias", new long[] {out});
    }

    private void norm(String p, int n) {
        shapes.put(p + "weight", new long[] {n});
        shapes.put(p + "bias", new long[] {n});
    }
}
