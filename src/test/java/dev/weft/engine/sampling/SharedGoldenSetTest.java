package dev.weft.engine.sampling;

import dev.weft.engine.golden.GoldenAssertions;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.sampling.golden.SamplingSuites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sampling suites on the shared golden directory itself (not the copies in test resources),
 * the way {@code weft golden} runs them; skipped when the shared set is not there.
 */
class SharedGoldenSetTest {
    @Test
    void everySamplingCaseOfTheSharedSetPasses() {
        Path root = GoldenFiles.sharedRoot();
        List<GoldenResult> all = new ArrayList<>();
        for (GoldenSuite suite : SamplingSuites.all()) {
            all.addAll(suite.run(root.resolve(suite.folder())));
        }
        GoldenAssertions.assertAllPassed(all);
    }
}
