package dev.weft.graph;

/** The three sections of an {@code /object_info} input definition. */
public enum InputSection {
    REQUIRED("required"),
    OPTIONAL("optional"),
    /** Values the server fills in ({@code PROMPT}, {@code UNIQUE_ID}, ...); never sockets or widgets. */
    HIDDEN("hidden");

    private final String key;

    InputSection(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
