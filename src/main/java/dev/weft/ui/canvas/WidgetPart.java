package dev.weft.ui.canvas;

/** Which part of an inline widget a point falls on. */
public enum WidgetPart {
    /** The left arrow of a number or combo: step down. */
    DECREMENT,
    /** The right arrow: step up. */
    INCREMENT,
    /** Anywhere else on the widget. */
    BODY,
    /** A LoRA row's on/off switch. */
    ROW_TOGGLE,
    /** A LoRA row's file name. */
    ROW_NAME,
    /** A LoRA row's model strength. */
    ROW_MODEL_STRENGTH,
    /** A LoRA row's text encoder strength. */
    ROW_CLIP_STRENGTH,
    /** A LoRA row's remove button. */
    ROW_REMOVE,
    /** The "add LoRA" row. */
    ROW_ADD;

    /** Width of a widget's arrow zone, in canvas units. */
    public static final double ARROW_ZONE = 16;
}
