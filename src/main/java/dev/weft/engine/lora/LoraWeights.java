package dev.weft.engine.lora;

import ai.djl.ndarray.NDArray;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.tensor.Weights;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's weights with LoRAs applied: the patched tensors of the keys some LoRA touches, over
 * the shared, untouched base for every other key. Models look weights up on every forward, so
 * wrapping their {@code Weights} in this overlay is all patching takes, and dropping the overlay
 * is all un-patching takes. Immutable; the arrays belong to the {@link LoraPatcher} and stay valid
 * while the lease of the output that carries this overlay is open. Engine thread only.
 */
public final class LoraWeights implements Weights {
    /**
     * One LoRA applied to this part of the model.
     *
     * @param file     the LoRA's tensors (the handle is owned by the output's lease)
     * @param strength the strength for this part (strength_model or strength_clip)
     * @param adapters the layers that touch this part, by weight key
     */
    record Applied(SharedModel<LoraFile> file, double strength, Map<String, LoraAdapter> adapters) {
        Applied {
            adapters = Map.copyOf(adapters);
        }
    }

    private final Weights base;
    private final Map<String, NDArray> patched;
    private final List<Applied> applied;

    LoraWeights(Weights base, Map<String, NDArray> patched, List<Applied> applied) {
        this.base = base;
        this.patched = Collections.unmodifiableMap(patched);
        this.applied = List.copyOf(applied);
    }

    @Override
    public Optional<NDArray> find(String key) {
        NDArray p = patched.get(key);
        return p != null ? Optional.of(p) : base.find(key);
    }

    @Override
    public Set<String> keys() {
        return base.keys();
    }

    /** The unpatched weights underneath. */
    public Weights base() {
        return base;
    }

    /** Keys whose tensors differ from the base's. */
    public Set<String> patchedKeys() {
        return patched.keySet();
    }

    /** The LoRAs applied, in order. */
    List<Applied> applied() {
        return applied;
    }
}
