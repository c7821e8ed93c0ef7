package dev.weft.cli;

import dev.weft.nodes.NodeRegistry;
import dev.weft.nodes.builtin.BuiltinNodes;
import dev.weft.nodes.builtin.EngineServices;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the commands take from outside: the node registry (so tests can inject fakes and the engine
 * can plug its implementations in), the environment and the working folder. Relative paths on the
 * command line resolve against the working folder.
 *
 * @param registry      supplies the node types and their implementations; called once per command
 * @param env           environment variables ({@code WEFT_MODELS})
 * @param workingFolder the folder relative paths are read against
 */
public record CliContext(Supplier<NodeRegistry> registry, Map<String, String> env, Path workingFolder) {
    public CliContext {
        env = Map.copyOf(env);
        workingFolder = workingFolder.toAbsolutePath().normalize();
    }

    /** This process: the bundled node specs bound to the real engine, its environment and working folder. */
    public static CliContext system() {
        return new CliContext(() -> BuiltinNodes.bind(NodeRegistry.load(Optional.empty()), new EngineServices(true)),
                System.getenv(), Path.of(""));
    }

    /** A path from the command line, resolved against the working folder. */
    Path resolve(String path) {
        return workingFolder.resolve(path).normalize();
    }

    /** A path shown the way the user would type it: relative when it is inside the working folder. */
    String show(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(workingFolder) ? workingFolder.relativize(abs).toString() : abs.toString();
    }
}
