package dev.weft.ui.canvas;

import dev.weft.graph.InputSpec;
import dev.weft.graph.WidgetSlot;

/** How an inline widget is drawn and edited on the canvas. */
public enum WidgetStyle {
    /** A number with arrows to step it; drag sideways to change, click to type. */
    NUMBER,
    /** A bounded float drawn as a filled bar; drag or click sets the value by position. */
    SLIDER,
    /** A choice with arrows to step through it; click for the list. */
    COMBO,
    TOGGLE,
    /** One line of text; click to edit. */
    TEXT,
    /** A multi-line text box (a prompt); click to edit. Takes the node's spare height. */
    MULTILINE,
    /** A push button (image upload). */
    BUTTON,
    /** Weft's LoRA stack: one row per LoRA with a switch, a file and two strengths. */
    ROW_LIST,
    /** A value Weft cannot edit inline (unknown node types, custom widget kinds). */
    READONLY;

    /** Widest float range still drawn as a slider (LoRA strengths span -100..100). */
    static final double SLIDER_MAX_RANGE = 200;

    /** The style for one position of a node type's widget layout. */
    public static WidgetStyle of(WidgetSlot slot) {
        return switch (slot.kind()) {
            case UPLOAD -> BUTTON;
            case CONTROL_AFTER_GENERATE -> COMBO;
            case CONTROL_FILTER_LIST -> TEXT;
            case VALUE -> ofInput(slot.input());
        };
    }

    private static WidgetStyle ofInput(InputSpec in) {
        if (in.options().has("widgetType")) {
            return "LORA_STACK".equals(in.options().get("widgetType").getAsString()) ? ROW_LIST : READONLY;
        }
        return switch (in.type()) {
            case "INT" -> NUMBER;
            case "FLOAT" -> bounded(in) ? SLIDER : NUMBER;
            case "STRING" -> in.multiline() ? MULTILINE : TEXT;
            case "BOOLEAN" -> TOGGLE;
            case "COMBO" -> COMBO;
            default -> READONLY;
        };
    }

    private static boolean bounded(InputSpec in) {
        return in.min().isPresent() && in.max().isPresent()
                && in.max().getAsDouble() - in.min().getAsDouble() <= SLIDER_MAX_RANGE;
    }

    /** Whether a click may change the value (everything but {@link #READONLY}). */
    public boolean editable() {
        return this != READONLY;
    }
}
