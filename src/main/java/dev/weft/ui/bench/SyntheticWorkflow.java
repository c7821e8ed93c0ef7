package dev.weft.ui.bench;

import com.google.gson.JsonPrimitive;
import dev.weft.graph.Graph;
import dev.weft.graph.GraphEdit;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.NodeSpecs;
import dev.weft.graph.Point;
import dev.weft.graph.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * A large workflow for benchmarks: copies of the txt2img graph (checkpoint loader, two prompts,
 * empty latent, KSampler, VAE decode, save image; 7 nodes and 9 wires each) laid out on a grid,
 * with every third chain in a group.
 */
public final class SyntheticWorkflow {
    /** Canvas units one chain takes. */
    static final double CHAIN_WIDTH = 1800;
    static final double CHAIN_HEIGHT = 700;

    private SyntheticWorkflow() {
    }

    /** A graph with at least {@code nodes} nodes (whole chains of 7). */
    public static Graph generate(int nodes, NodeSpecs specs) {
        Graph g = new Graph();
        int chains = (nodes + 6) / 7;
        int columns = (int) Math.ceil(Math.sqrt(chains * CHAIN_HEIGHT / CHAIN_WIDTH));
        for (int c = 0; c < chains; c++) {
            double x = (c % columns) * CHAIN_WIDTH;
            double y = (c / columns) * CHAIN_HEIGHT;
            chain(g, specs, x, y, c);
        }
        return g;
    }

    private static void chain(Graph g, NodeSpecs specs, double x, double y, int index) {
        int ckpt = add(g, specs, "CheckpointLoaderSimple", x, y + 250, 315, 98);
        int pos = add(g, specs, "CLIPTextEncode", x + 400, y, 422, 164);
        int neg = add(g, specs, "CLIPTextEncode", x + 400, y + 220, 425, 180);
        int latent = add(g, specs, "EmptyLatentImage", x + 460, y + 450, 315, 106);
        int sampler = add(g, specs, "KSampler", x + 860, y, 315, 262);
        int decode = add(g, specs, "VAEDecode", x + 1210, y, 210, 46);
        int save = add(g, specs, "SaveImage", x + 1450, y, 210, 270);
        List<GraphEdit> e = new ArrayList<>();
        e.add(new GraphEdit.SetWidgetValue(pos, 0, new JsonPrimitive("a watercolor lighthouse at dawn, chain " + index)));
        e.add(new GraphEdit.SetWidgetValue(neg, 0, new JsonPrimitive("blurry, watermark")));
        e.add(new GraphEdit.Connect(ckpt, 0, sampler, "model"));
        e.add(new GraphEdit.Connect(ckpt, 1, pos, "clip"));
        e.add(new GraphEdit.Connect(ckpt, 1, neg, "clip"));
        e.add(new GraphEdit.Connect(pos, 0, sampler, "positive"));
        e.add(new GraphEdit.Connect(neg, 0, sampler, "negative"));
        e.add(new GraphEdit.Connect(latent, 0, sampler, "latent_image"));
        e.add(new GraphEdit.Connect(sampler, 0, decode, "samples"));
        e.add(new GraphEdit.Connect(ckpt, 2, decode, "vae"));
        e.add(new GraphEdit.Connect(decode, 0, save, "images"));
        if (index % 3 == 0) {
            e.add(new GraphEdit.AddGroup(dev.weft.graph.Group.of(g.nextGroupId(), "Chain " + index,
                    new dev.weft.graph.Bounds(x - 20, y - 80, 1700, 680))));
        }
        g.apply(new GraphEdit.Compound(e));
    }

    private static int add(Graph g, NodeSpecs specs, String type, double x, double y, double w, double h) {
        NodeSpec s = specs.find(type).orElseThrow(() -> new IllegalStateException("no spec for " + type));
        int id = g.nextNodeId();
        g.apply(new GraphEdit.AddNode(s.instantiate(id, new Point(x, y)).withSize(new Size(w, h))));
        return id;
    }
}
