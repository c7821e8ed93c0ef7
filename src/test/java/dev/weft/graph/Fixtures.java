package dev.weft.graph;

import java.util.List;

/** Graphs built through edits, for tests. */
public final class Fixtures {
    public static final int CKPT = 1;
    public static final int POS = 2;
    public static final int NEG = 3;
    public static final int LATENT = 4;
    public static final int SAMPLER = 5;
    public static final int DECODE = 6;
    public static final int SAVE = 7;

    private Fixtures() {
    }

    /** Checkpoint, two prompts, empty latent, KSampler, VAE decode, save; ids 1..7. */
    public static Graph txt2img() {
        NodeSpecs specs = TestSpecs.all();
        Graph g = new Graph();
        add(g, specs, CKPT, "CheckpointLoaderSimple", 0, 0);
        add(g, specs, POS, "CLIPTextEncode", 400, 0);
        add(g, specs, NEG, "CLIPTextEncode", 400, 200);
        add(g, specs, LATENT, "EmptyLatentImage", 400, 400);
        add(g, specs, SAMPLER, "KSampler", 800, 0);
        add(g, specs, DECODE, "VAEDecode", 1200, 0);
        add(g, specs, SAVE, "SaveImage", 1400, 0);
        for (GraphEdit e : List.<GraphEdit>of(
                new GraphEdit.Connect(CKPT, 0, SAMPLER, "model"),
                new GraphEdit.Connect(CKPT, 1, POS, "clip"),
                new GraphEdit.Connect(CKPT, 1, NEG, "clip"),
                new GraphEdit.Connect(POS, 0, SAMPLER, "positive"),
                new GraphEdit.Connect(NEG, 0, SAMPLER, "negative"),
                new GraphEdit.Connect(LATENT, 0, SAMPLER, "latent_image"),
                new GraphEdit.Connect(SAMPLER, 0, DECODE, "samples"),
                new GraphEdit.Connect(CKPT, 2, DECODE, "vae"),
                new GraphEdit.Connect(DECODE, 0, SAVE, "images"))) {
            g.apply(e);
        }
        return g;
    }

    private static void add(Graph g, NodeSpecs specs, int id, String type, double x, double y) {
        g.apply(new GraphEdit.AddNode(specs.find(type).orElseThrow().instantiate(id, new Point(x, y))));
    }

    /** Everything that makes up a graph's state, comparable with equals. */
    public record State(List<Node> nodes, List<Link> links, List<Group> groups, List<Reroute> reroutes,
            Counters counters) {
        public static State of(Graph g) {
            return new State(g.nodes(), g.links(), g.groups(), g.reroutes(), g.counters());
        }
    }
}
