package dev.weft.graph;

/**
 * One output of a node type.
 *
 * @param index output slot index
 * @param type socket type; {@code "COMBO"} when the spec gives a list of options
 * @param name the output's name ({@code output_name}, defaulting to the type)
 * @param isList whether the node returns a list for this output ({@code output_is_list})
 * @param tooltip {@code output_tooltips} entry, or {@code null}
 */
public record OutputSpec(int index, String type, String name, boolean isList, String tooltip) {
}
