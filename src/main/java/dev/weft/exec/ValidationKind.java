package dev.weft.exec;

/**
 * What is wrong with a prompt, with ComfyUI's error type names ({@link #id()}), so a report reads
 * the same as ComfyUI's {@code node_errors}. The first nine are ComfyUI's per-input kinds; the rest
 * are about the prompt as a whole.
 */
public enum ValidationKind {
    /** A required input has neither a value nor a link. */
    REQUIRED_INPUT_MISSING("required_input_missing"),
    /** A link that is not {@code [node_id, slot]}, or points at a node or output slot that does not exist. */
    BAD_LINKED_INPUT("bad_linked_input"),
    /** A link from an output whose type the input does not accept. */
    RETURN_TYPE_MISMATCH("return_type_mismatch"),
    /** A constant that cannot be read as the input's type, or a constant given to an input that needs a link. */
    INVALID_INPUT_TYPE("invalid_input_type"),
    VALUE_SMALLER_THAN_MIN("value_smaller_than_min"),
    VALUE_BIGGER_THAN_MAX("value_bigger_than_max"),
    /** A combo value (a sampler name, a model file, ...) that is not one of the choices. */
    VALUE_NOT_IN_LIST("value_not_in_list"),
    /** A node type's own check failed, e.g. LoadImage's image file does not exist. */
    CUSTOM_VALIDATION_FAILED("custom_validation_failed"),
    /** A node type's own check could not run (it threw). */
    EXCEPTION_DURING_VALIDATION("exception_during_validation"),
    /** Nothing to run: the prompt has no output node (SaveImage, PreviewImage, ...). */
    PROMPT_NO_OUTPUTS("prompt_no_outputs"),
    /** A node's class_type is unknown to Weft (or is a frontend-only node). */
    MISSING_NODE_TYPE("missing_node_type"),
    /** Nodes feed each other in a loop, so none of them can run first. */
    DEPENDENCY_CYCLE("dependency_cycle"),
    /** The request itself is wrong, e.g. a run target that is not in the prompt. */
    INVALID_PROMPT("invalid_prompt");

    private final String id;

    ValidationKind(String id) {
        this.id = id;
    }

    /** ComfyUI's name for the kind, e.g. {@code value_bigger_than_max}. */
    public String id() {
        return id;
    }
}
