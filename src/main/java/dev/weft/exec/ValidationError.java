package dev.weft.exec;

/**
 * One problem found while validating a prompt.
 *
 * @param nodeId    the prompt node at fault, or {@code null} for a problem of the whole prompt
 * @param classType its class_type, or {@code null}
 * @param title     its title ({@code _meta.title}, else the spec's display name), or {@code null}
 * @param input     the input at fault (for LoRA stack rows {@code loras[1].name}), or {@code null}
 * @param kind      ComfyUI's error type, one of {@link ValidationKind#id()}
 * @param message   what is wrong, e.g. {@code 150 is bigger than the maximum 100}
 * @param fix       what to do, e.g. {@code set cfg to at most 100}
 */
public record ValidationError(String nodeId, String classType, String title, String input,
                              String kind, String message, String fix) {

    /**
     * One line for a terminal or a tooltip:
     * {@code node 3 "KSampler", input cfg: 150 is bigger than the maximum 100; fix: set cfg to at most 100 [value_bigger_than_max]}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(nodeId == null ? "prompt" : NodeNames.describe(nodeId, title, classType));
        if (input != null) {
            b.append(", input ").append(input);
        }
        b.append(": ").append(message);
        if (fix != null && !fix.isEmpty()) {
            b.append("; fix: ").append(fix);
        }
        return b.append(" [").append(kind).append(']').toString();
    }
}
