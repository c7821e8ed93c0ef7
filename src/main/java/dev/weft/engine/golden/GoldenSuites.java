package dev.weft.engine.golden;

import java.util.List;
import java.util.Optional;

/** Every golden suite the engine has, one per golden sub-folder. */
public final class GoldenSuites {
    private GoldenSuites() {
    }

    public static List<GoldenSuite> all() {
        return List.of();
    }

    /** The suite that reads {@code folder}, if the engine covers it. */
    public static Optional<GoldenSuite> forFolder(String folder) {
        return all().stream().filter(s -> s.folder().equals(folder)).findFirst();
    }
}
