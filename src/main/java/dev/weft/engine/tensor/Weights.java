package dev.weft.engine.tensor;

import ai.djl.ndarray.NDArray;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named fp32 parameters of a model, looked up by checkpoint key at forward time.
 *
 * <p>Models never hold parameter arrays in fields: they ask their {@code Weights} on every call, so
 * a LoRA-patched model is just another {@code Weights} that overlays patched tensors on a shared,
 * untouched base. Arrays belong to whoever built the {@code Weights}; callers must not close them.
 * Engine thread only.
 */
public interface Weights {
    /** The array for {@code key}, if present. */
    Optional<NDArray> find(String key);

    /** Every key, unprefixed, in a stable order. */
    Set<String> keys();

    /**
     * The array for {@code key}.
     *
     * @throws MissingWeightException naming the key
     */
    default NDArray get(String key) {
        return find(key).orElseThrow(() -> new MissingWeightException(key));
    }

    default boolean has(String key) {
        return find(key).isPresent();
    }

    /** A view in which {@code get("x")} means {@code get(prefix + "x")}. */
    default Weights prefixed(String prefix) {
        Weights base = this;
        return new Weights() {
            @Override
            public Optional<NDArray> find(String key) {
                return base.find(prefix + key);
            }

            @Override
            public Set<String> keys() {
                Set<String> out = new TreeSet<>();
                for (String k : base.keys()) {
                    if (k.startsWith(prefix)) {
                        out.add(k.substring(prefix.length()));
                    }
                }
                return out;
            }

            @Override
            public NDArray get(String key) {
                return find(key).orElseThrow(() -> new MissingWeightException(prefix + key));
            }
        };
    }

    /** A required parameter is absent: the checkpoint does not fit the model it was loaded into. */
    final class MissingWeightException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public MissingWeightException(String key) {
            super("missing weight '" + key + "' (the file does not match this model's layout)");
        }
    }
}
