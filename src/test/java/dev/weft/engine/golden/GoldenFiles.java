package dev.weft.engine.golden;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds golden data for tests: a copy under {@code src/test/resources/golden/<folder>} (small
 * cases shipped with the repository) first, then the shared set named by the system property
 * {@code weft.golden} (surefire points it at {@code ../shared/golden}). A test whose data is in
 * neither place is skipped with a message saying where it looked.
 */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    /** The folder for one golden family, or a skipped test if it cannot be found. */
    public static Path dir(String folder) {
        Path local = Path.of("src", "test", "resources", "golden", folder);
        if (Files.isDirectory(local)) {
            return local;
        }
        String shared = System.getProperty("weft.golden", "../shared/golden");
        Path p = Path.of(shared, folder);
        assumeTrue(Files.isDirectory(p), "golden data '" + folder + "' not found in " + local + " or " + p
                + ": test skipped");
        return p;
    }

    /** The shared golden root (for tests of the conformance runner over the whole set). */
    public static Path sharedRoot() {
        Path p = Path.of(System.getProperty("weft.golden", "../shared/golden"));
        assumeTrue(Files.isDirectory(p), "shared golden data not found at " + p + ": test skipped");
        return p;
    }
}
