package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.weft.engine.models.ModelLoadException;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.tensor.Weights;
import dev.weft.engine.text.ClipTextModel;
import dev.weft.engine.unet.ConvWeights;
import dev.weft.engine.unet.UNet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies LoRAs to an SD 1.x model and text encoder the way ComfyUI's
 * {@code load_lora_for_models} + {@code ModelPatcher.patch_model} merge them:
 * {@code W' = W + strength · (alpha / rank) · up @ down} in float32, several LoRAs on one weight
 * added in order. Non-destructively: the result is the same model over a {@link LoraWeights}
 * overlay holding only the patched tensors; the base arrays are never written.
 *
 * <p>Patched tensors are shared through a cache keyed by (base weights, key, ordered list of
 * (LoRA file version, strength)), so a chain of LoRA nodes, or a stack re-run after one strength
 * changed or one row was removed, recomputes only the keys whose list changed, and starts from
 * the longest already-patched prefix. Packed convolution kernels ({@link ConvWeights}) are read
 * through {@link ConvWeights#plain} and the patched kernel is packed again, so patched models
 * keep the fast convolutions. Engine thread only.
 */
public final class LoraPatcher implements AutoCloseable {
    /**
     * One LoRA to apply.
     *
     * @param file          the loaded file (the caller keeps its own handle; the result retains another)
     * @param strengthModel strength on the UNet; 0 leaves it alone
     * @param strengthClip  strength on the text encoder; 0 leaves it alone
     */
    public record Request(SharedModel<LoraFile> file, double strengthModel, double strengthClip) {
    }

    /**
     * The patched UNet and text encoder (the MODEL and CLIP values wrap them: {@code withUnet},
     * {@code withModel}).
     *
     * @param unet    the patched UNet, the input itself when no layer of it changed, or {@code null}
     * @param text    the patched text model, the input itself when unchanged, or {@code null}
     * @param reports one per request, in order
     * @param lease   keeps the patched tensors and LoRA files alive; close it when the outputs go
     *                (a node passes it to {@code NodeContext.own})
     */
    public record Result(UNet unet, ClipTextModel text, List<LoraReport> reports, Lease lease) {
    }

    /**
     * Counters since creation.
     *
     * @param computedKeys patched tensors computed
     * @param reusedKeys   patched tensors found in the cache
     * @param heldBytes    memory of cached tensors, in use or idle
     * @param idleBytes    memory of cached tensors no output uses
     */
    public record Stats(long computedKeys, long reusedKeys, long heldBytes, long idleBytes) {
    }

    /** A request that cannot be applied at all; {@link #index()} says which. */
    public static final class RequestException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        RequestException(int index, ModelLoadException cause) {
            super(cause.getMessage(), cause);
            this.index = index;
        }

        /** The position of the failing request in the list given to {@link #apply}. */
        public int index() {
            return index;
        }
    }

    private final PatchCache cache;
    private long computed;
    private long reused;

    /**
     * @param parent    manager under which patched tensors live
     * @param idleBytes memory the cache may keep for tensors no output uses any more (re-used when a
     *                  strength goes back or another row changes); the least recently used go first
     */
    public LoraPatcher(NDManager parent, long idleBytes) {
        this.cache = new PatchCache(parent, idleBytes);
    }

    /**
     * Applies {@code loras} in order to {@code unet} and {@code text}. Inputs that are already
     * patched (a chain of LoRA nodes) are patched further from their base.
     *
     * @param unet the diffusion model, or {@code null} to patch only the text encoder
     * @param text the text encoder, or {@code null} for a model-only patch (its LoRA keys are then
     *             skipped, not reported as unknown)
     * @throws RequestException naming the file when a LoRA holds nothing Weft can apply
     */
    public Result apply(UNet unet, ClipTextModel text, List<Request> loras) throws RequestException {
        Weights unetBase = unet == null ? null : baseOf(unet.weights());
        Weights clipBase = text == null ? null : baseOf(text.weights());
        LoraKeyMap map = (unet == null ? LoraKeyMap.empty() : LoraKeyMap.forUnet(unet.config(), unetBase.keys()))
                .with(text == null ? LoraKeyMap.empty() : LoraKeyMap.forClip(clipBase.keys()));
        Function<LoraTarget, long[]> shapeOf = t -> {
            Weights w = t.part() == LoraTarget.Part.UNET ? unetBase : clipBase;
            return w == null ? null : w.find(t.key()).map(a -> a.getShape().getShape()).orElse(null);
        };
        List<LoraReport> reports = new ArrayList<>();
        List<Pending> onUnet = new ArrayList<>();
        List<Pending> onText = new ArrayList<>();
        for (int i = 0; i < loras.size(); i++) {
            Request r = loras.get(i);
            LoraMatcher.Layers layers;
            try {
                layers = LoraMatcher.match(r.file().value(), map, shapeOf, text != null);
            } catch (ModelLoadException e) {
                throw new RequestException(i, e);
            }
            reports.add(layers.report());
            addIfUsed(onUnet, r.file(), unet == null ? 0 : r.strengthModel(), layers.of(LoraTarget.Part.UNET));
            addIfUsed(onText, r.file(), text == null ? 0 : r.strengthClip(), layers.of(LoraTarget.Part.CLIP));
        }
        Lease lease = new Lease();
        try {
            UNet u = onUnet.isEmpty() ? unet : unet.withWeights(patch(unet.weights(), onUnet, lease));
            ClipTextModel t = onText.isEmpty() ? text : text.withWeights(patch(text.weights(), onText, lease));
            return new Result(u, t, reports, lease);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    public Stats stats() {
        return new Stats(computed, reused, cache.heldBytes(), cache.idleBytes());
    }

    @Override
    public void close() {
        cache.close();
    }

    /** A LoRA waiting to be applied to one part. */
    private record Pending(SharedModel<LoraFile> file, double strength, Map<String, LoraAdapter> adapters) {
    }

    private static void addIfUsed(List<Pending> out, SharedModel<LoraFile> file, double strength,
                                  Map<String, LoraAdapter> adapters) {
        if (strength != 0 && !adapters.isEmpty()) {
            out.add(new Pending(file, strength, adapters));
        }
    }

    private static Weights baseOf(Weights w) {
        return w instanceof LoraWeights lw ? lw.base() : w;
    }

    /** {@code current} (a base, or an overlay from an earlier LoRA node) with {@code added} on top. */
    private LoraWeights patch(Weights current, List<Pending> added, Lease lease) {
        Weights base = baseOf(current);
        List<LoraWeights.Applied> all = new ArrayList<>();
        if (current instanceof LoraWeights lw) {
            for (LoraWeights.Applied a : lw.applied()) {
                all.add(new LoraWeights.Applied(lease.retain(a.file()), a.strength(), a.adapters()));
            }
        }
        for (Pending p : added) {
            all.add(new LoraWeights.Applied(lease.retain(p.file()), p.strength(), p.adapters()));
        }
        Set<String> touched = new LinkedHashSet<>();
        all.forEach(a -> touched.addAll(a.adapters().keySet()));
        PatchCache.BaseRef ref = new PatchCache.BaseRef(base);
        Map<String, NDArray> overlay = new LinkedHashMap<>();
        for (String key : touched) {
            List<LoraWeights.Applied> steps = all.stream().filter(a -> a.adapters().containsKey(key)).toList();
            PatchCache.Key cacheKey = cacheKey(ref, key, steps);
            NDArray t = cache.acquire(cacheKey);
            if (t == null) {
                t = cache.put(cacheKey, compute(ref, base, key, steps));
                computed++;
            } else {
                reused++;
            }
            lease.keys.add(cacheKey);
            overlay.put(key, t);
        }
        return new LoraWeights(base, overlay, all);
    }

    private static PatchCache.Key cacheKey(PatchCache.BaseRef ref, String key, List<LoraWeights.Applied> steps) {
        return new PatchCache.Key(ref, key, steps.stream()
                .map(a -> new PatchCache.Step(a.file().value().id(), a.strength())).toList());
    }

    /**
     * The weight after {@code steps}, starting from the longest prefix of them already cached (the
     * same float32 operations in the same order, so the result is bit-identical to patching from
     * the base). A new array the caller owns.
     */
    private NDArray compute(PatchCache.BaseRef ref, Weights base, String key, List<LoraWeights.Applied> steps) {
        NDArray start = base.get(key);
        int from = 0;
        for (int p = steps.size() - 1; p >= 1; p--) {
            NDArray hit = cache.peek(cacheKey(ref, key, steps.subList(0, p)));
            if (hit != null) {
                start = hit;
                from = p;
                break;
            }
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            boolean packed = start.getShape().dimension() == 4 && ConvWeights.isPacked(start);
            NDArray w = packed ? ConvWeights.plain(start) : start;
            Shape shape = w.getShape();
            for (LoraWeights.Applied a : steps.subList(from, steps.size())) {
                LoraAdapter adapter = a.adapters().get(key);
                // ComfyUI: weight += (strength * alpha / rank) * (up @ down), the factor rounded to
                // float32; done in place on the fresh delta (same operations, no extra copies)
                w = adapter.delta(shape).muli((float) (a.strength() * adapter.scale())).addi(w);
            }
            NDArray out = packed ? ConvWeights.pack(key, w) : w;
            NDScope.unregister(out);
            return out;
        }
    }

    /**
     * What one patched output keeps alive: its references on patched tensors and its LoRA file
     * handles. Closing it (idempotent) lets the cache free or keep the tensors within its budget.
     */
    public final class Lease implements AutoCloseable {
        private final List<PatchCache.Key> keys = new ArrayList<>();
        private final List<SharedModel<LoraFile>> files = new ArrayList<>();
        private boolean closed;

        private Lease() {
        }

        SharedModel<LoraFile> retain(SharedModel<LoraFile> file) {
            SharedModel<LoraFile> handle = file.retain();
            files.add(handle);
            return handle;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            keys.forEach(cache::release);
            files.forEach(SharedModel::close);
        }
    }
}
