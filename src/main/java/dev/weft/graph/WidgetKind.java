package dev.weft.graph;

/** What a position in a node's {@code widgets_values} holds. */
public enum WidgetKind {
    /** The value of a widget input of the spec. */
    VALUE,
    /** The frontend's seed control: fixed, increment, decrement, randomize (increment-wrap for combos). */
    CONTROL_AFTER_GENERATE,
    /** The frontend's filter for randomizing a combo: a substring or a /regex/. */
    CONTROL_FILTER_LIST,
    /** The image-upload button; stores {@code "image"}. */
    UPLOAD
}
