package dev.weft.ui.model;

import dev.weft.graph.InputSpec;
import dev.weft.graph.NodeSpec;
import dev.weft.graph.OutputSpec;
import dev.weft.graph.SocketTypes;
import java.util.Optional;

/**
 * Narrows node search to types that can take a wire being dragged.
 *
 * @param acceptsInput when present, nodes must have a socket input this output type can plug into
 * @param providesOutput when present, nodes must have an output that can plug into this input type
 */
public record SearchFilter(Optional<String> acceptsInput, Optional<String> providesOutput) {
    public static final SearchFilter NONE = new SearchFilter(Optional.empty(), Optional.empty());

    /** For a wire dragged out of an output of {@code type}. */
    public static SearchFilter fromOutput(String type) {
        return new SearchFilter(Optional.of(type), Optional.empty());
    }

    /** For a wire dragged out of an input of {@code type}. */
    public static SearchFilter fromInput(String type) {
        return new SearchFilter(Optional.empty(), Optional.of(type));
    }

    public boolean matches(NodeSpec spec) {
        return acceptsInput.map(t -> firstInput(spec, t).isPresent()).orElse(true)
                && providesOutput.map(t -> firstOutput(spec, t).isPresent()).orElse(true);
    }

    /** The first socket input (not a widget) of {@code spec} that an output of {@code type} fits. */
    public static Optional<InputSpec> firstInput(NodeSpec spec, String type) {
        return spec.inputs().stream()
                .filter(i -> i.section() != dev.weft.graph.InputSection.HIDDEN && !i.isWidget())
                .filter(i -> SocketTypes.compatible(type, i.type()))
                .findFirst();
    }

    /** The first output of {@code spec} that fits an input of {@code type}. */
    public static Optional<OutputSpec> firstOutput(NodeSpec spec, String type) {
        return spec.outputs().stream().filter(o -> SocketTypes.compatible(o.type(), type)).findFirst();
    }
}
