package dev.weft.exec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.graph.NodeSpec;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeRegistry;
import dev.weft.nodes.NodeResult;
import dev.weft.nodes.PreviewFrame;
import dev.weft.workflow.PngMetadata;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A fake engine: the real node specs, every runnable type bound to a fake implementation that
 * <ul>
 *   <li>counts its executions (per class_type and in order by node id) and the threads it ran on,</li>
 *   <li>returns one {@link Fake} per output slot, which records the inputs it was given,</li>
 *   <li>owns one {@link Resource} per execution, so tests can see when the cache closes them,</li>
 *   <li>with a {@code steps} input (the samplers) reports progress and a preview at every step,
 *       checking for cancellation first, and can be held at step 1 by a {@link Gate},</li>
 *   <li>as SaveImage or PreviewImage writes a 1x1 PNG carrying the prompt and extra PNG info, as
 *       ComfyUI's SaveImage does, and returns its file in the UI output.</li>
 * </ul>
 * Failures and always-rerun fingerprints can be switched on per type.
 */
public final class FakeNodes {
    /** The project's node specs; tests run in the project folder. */
    public static final Path PROJECT_NODES = Path.of("nodes");

    /** What a fake node produced on one output slot. */
    public record Fake(String classType, String nodeId, int slot, Map<String, Object> inputs) {
    }

    /** A resource a fake node owned; closed by the executor when the node's outputs leave the cache. */
    public static final class Resource implements AutoCloseable {
        private final String nodeId;
        private final AtomicInteger closes = new AtomicInteger();

        Resource(String nodeId) {
            this.nodeId = nodeId;
        }

        public String nodeId() {
            return nodeId;
        }

        public boolean closed() {
            return closes.get() > 0;
        }

        public int closeCount() {
            return closes.get();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** Holds the first execution of a type at step 1 until released. */
    public static final class Gate {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger uses = new AtomicInteger();

        /** Waits until a node is held at the gate. */
        public void awaitHeld() throws InterruptedException {
            if (!reached.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("no node reached the gate");
            }
        }

        public void release() {
            release.countDown();
        }

        void pass() {
            if (uses.getAndIncrement() > 0) {
                return;
            }
            reached.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the gate was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final List<Resource> resources = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, NodeInputs> lastInputs = new ConcurrentHashMap<>();
    private final Map<String, Exception> failures = new ConcurrentHashMap<>();
    private final Set<String> alwaysRun = ConcurrentHashMap.newKeySet();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> afterLastStep = new ConcurrentHashMap<>();
    private final NodeRegistry registry;

    public FakeNodes() {
        NodeRegistry r = NodeRegistry.load(Optional.of(PROJECT_NODES));
        for (NodeSpec spec : r.specs().values()) {
            if (!r.isVirtual(spec.classType())) {
                r = r.bind(spec.classType(), new FakeImpl(spec));
            }
        }
        registry = r;
    }

    /** The real specs with every runnable type bound to a fake. */
    public NodeRegistry registry() {
        return registry;
    }

    /** How often nodes of this type ran. */
    public int executions(String classType) {
        AtomicInteger n = executions.get(classType);
        return n == null ? 0 : n.get();
    }

    /** Node ids in the order they ran, over every run so far. */
    public List<String> order() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /** Forgets counts and order (resources stay tracked). */
    public void resetCounts() {
        executions.clear();
        order.clear();
    }

    /** Names of the threads nodes ran on. */
    public Set<String> threads() {
        return Set.copyOf(threads);
    }

    /** Every resource owned so far, oldest first. */
    public List<Resource> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    /** The inputs node {@code nodeId} got when it last ran. */
    public NodeInputs inputsOf(String nodeId) {
        NodeInputs in = lastInputs.get(nodeId);
        if (in == null) {
            throw new AssertionError("node " + nodeId + " never ran");
        }
        return in;
    }

    /** Makes nodes of this type throw {@code e} (a NodeFailure or any other exception); null heals them. */
    public void failWith(String classType, Exception e) {
        if (e == null) {
            failures.remove(classType);
        } else {
            failures.put(classType, e);
        }
    }

    /** Makes nodes of this type return {@link NodeImpl#ALWAYS} as fingerprint. */
    public void alwaysRun(String classType) {
        alwaysRun.add(classType);
    }

    /** A gate that holds the first node of this type (it needs a {@code steps} input) at step 1. */
    public Gate gate(String classType) {
        Gate g = new Gate();
        gates.put(classType, g);
        return g;
    }

    /** Counted down when a node of this type has sent its last progress and preview. */
    public CountDownLatch lastStepSent(String classType) {
        return afterLastStep.computeIfAbsent(classType, k -> new CountDownLatch(1));
    }

    private final class FakeImpl implements NodeImpl {
        private final NodeSpec spec;

        FakeImpl(NodeSpec spec) {
            this.spec = spec;
        }

        @Override
        public Object fingerprint(NodeInputs inputs, NodeContext ctx) {
            return alwaysRun.contains(spec.classType()) ? ALWAYS : null;
        }

        @Override
        public NodeResult execute(NodeContext ctx, NodeInputs inputs) throws Exception {
            executions.computeIfAbsent(spec.classType(), k -> new AtomicInteger()).incrementAndGet();
            order.add(ctx.nodeId());
            threads.add(Thread.currentThread().getName());
            lastInputs.put(ctx.nodeId(), inputs);
            Resource resource = new Resource(ctx.nodeId());
            resources.add(resource);
            ctx.own(resource);
            Exception failure = failures.get(spec.classType());
            if (failure != null) {
                throw failure;
            }
            if (inputs.has("steps")) {
                sample(ctx, inputs.getInt("steps"));
            }
            JsonObject ui = spec.classType().equals("SaveImage") || spec.classType().equals("PreviewImage")
                    ? saveImage(ctx, inputs) : new JsonObject();
            Map<String, Object> seen = new LinkedHashMap<>();
            inputs.names().forEach(n -> seen.put(n, inputs.get(n)));
            List<Object> outputs = new ArrayList<>();
            for (int i = 0; i < spec.outputs().size(); i++) {
                outputs.add(new Fake(spec.classType(), ctx.nodeId(), i, seen));
            }
            return new NodeResult(outputs, ui);
        }

        private void sample(NodeContext ctx, int steps) {
            Gate gate = gates.get(spec.classType());
            for (int step = 1; step <= steps; step++) {
                ctx.checkCancelled();
                ctx.progress(step, steps);
                ctx.preview(new PreviewFrame(1, 1, new byte[] {(byte) step, 0, 0}));
                if (step == 1 && gate != null) {
                    gate.pass();
                }
            }
            CountDownLatch sent = afterLastStep.get(spec.classType());
            if (sent != null) {
                sent.countDown();
            }
        }

        private JsonObject saveImage(NodeContext ctx, NodeInputs inputs) throws IOException {
            boolean save = spec.classType().equals("SaveImage");
            Path folder = save ? ctx.outputFolder() : ctx.tempFolder();
            String prefix = save ? inputs.getString("filename_prefix") : "ComfyUI_temp";
            Files.createDirectories(folder);
            Path file;
            int counter = 1;
            do {
                file = folder.resolve(String.format("%s_%05d_.png", prefix, counter++));
            } while (Files.exists(file));
            JsonElement workflow = ctx.extraPngInfo().get("workflow");
            Files.write(file, PngMetadata.withWorkflow(onePixelPng(), workflow, ctx.prompt().toJson(), "fake"));
            JsonObject image = new JsonObject();
            image.addProperty("filename", file.getFileName().toString());
            image.addProperty("subfolder", "");
            image.addProperty("type", save ? "output" : "temp");
            JsonArray images = new JsonArray();
            images.add(image);
            JsonObject ui = new JsonObject();
            ui.add("images", images);
            return ui;
        }
    }

    private static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
