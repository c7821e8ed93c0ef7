package dev.weft.nodes;

/**
 * The implementation of one node type, bound to its spec by class_type.
 *
 * <p>Implementations are stateless or hold only caches that are safe to reuse across runs; one
 * instance serves every node of its type. Everything runs on the engine thread.
 */
public interface NodeImpl {
    /**
     * Runs the node.
     *
     * @param ctx    the run's services: progress, previews, cancellation, folders, resource ownership
     * @param inputs the node's inputs by name: constants converted by spec type, links resolved to
     *               the upstream node's output objects
     * @return one value per output of the spec, in order, plus optional UI output
     * @throws NodeFailure for an error the user can act on (the message names the input and the fix);
     *                     any other exception is reported as an internal error of the node
     */
    NodeResult execute(NodeContext ctx, NodeInputs inputs) throws Exception;

    /**
     * ComfyUI's IS_CHANGED: extra material for the node's cache key, computed before every run from
     * the same inputs (links are not yet resolved: linked inputs are absent). Return {@code null}
     * when the inputs alone decide the output, a value such as a file hash when something outside
     * the graph matters, or {@link #ALWAYS} to re-run every time.
     */
    default Object fingerprint(NodeInputs inputs, NodeContext ctx) throws Exception {
        return null;
    }

    /** A fingerprint that never equals a previous one: the node re-runs on every run. */
    Object ALWAYS = new Object() {
        @Override
        public boolean equals(Object o) {
            return false;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "ALWAYS";
        }
    };
}
