package dev.weft.engine.text;

import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds and reads textual-inversion embeddings for {@code embedding:name} in prompts, the way
 * ComfyUI looks in {@code models/embeddings}: each folder and every sub-folder is searched for
 * {@code name} as given, then {@code name.safetensors}, {@code name.pt}, {@code name.bin}; names
 * that would leave the folder ({@code ../x}, absolute paths) never match.
 *
 * <p>Only {@code .safetensors} files are read. The tensor used is, as in ComfyUI: the one named by
 * the model's key ({@code clip_l} for SD 1.x), else the concatenation of LoRA-bundled
 * {@code bundle_emb.*.string_to_param.*} tensors, else of {@code bundle_emb.*.clip_l}, else the
 * first tensor by name (A1111's {@code emb_params}, ...). Its last dimension is the vector width and
 * every other dimension is flattened into rows. Files are cached by path, size and modification time.
 * Thread-safe.
 */
public final class EmbeddingLibrary {
    private static final String[] EXTENSIONS = {".safetensors", ".pt", ".bin"};

    private final List<Path> roots;
    private final String key;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long size, FileTime modified, int width, float[] values) {
    }

    /**
     * @param roots embedding folders (missing ones are skipped)
     * @param key   the tensor name that holds this model's vectors in multi-model files ({@code "clip_l"})
     */
    public EmbeddingLibrary(List<Path> roots, String key) {
        this.roots = List.copyOf(roots);
        this.key = key;
    }

    /** SD 1.x embeddings from {@code folders} (usually {@code <models>/embeddings}). */
    public static EmbeddingLibrary sd1(List<Path> folders) {
        return new EmbeddingLibrary(folders, "clip_l");
    }

    /** A library with no folders: every {@code embedding:} name is missing. */
    public static EmbeddingLibrary none() {
        return new EmbeddingLibrary(List.of(), "clip_l");
    }

    /**
     * The embedding called {@code name}, or empty if no folder has it.
     *
     * @throws EmbeddingException if the file found is not a readable {@code .safetensors} embedding
     */
    public Optional<TextualInversion> find(String name) {
        Path file = locate(name);
        if (file == null) {
            return Optional.empty();
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
            throw new EmbeddingException("embedding:" + name + " is " + file + ", a PyTorch pickle; Weft reads only "
                    + ".safetensors embeddings. Convert it to .safetensors (or download the .safetensors version) and "
                    + "put it next to it in the embeddings folder");
        }
        Cached c = read(file, name);
        return Optional.of(new TextualInversion(name, file, c.width(), c.values()));
    }

    private Path locate(String name) {
        for (Path dir : folders()) {
            Path base = dir.toAbsolutePath().normalize();
            Path candidate;
            try {
                candidate = base.resolve(name).normalize();
            } catch (InvalidPathException e) {
                return null;
            }
            if (!candidate.startsWith(base) || candidate.equals(base)) {
                continue;
            }
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            for (String ext : EXTENSIONS) {
                Path withExt = Path.of(candidate + ext);
                if (Files.isRegularFile(withExt)) {
                    return withExt;
                }
            }
        }
        return null;
    }

    /** Each root, then its sub-folders in name order (ComfyUI's order is unspecified). */
    private List<Path> folders() {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            out.add(root);
            TreeSet<Path> subs = new TreeSet<>();
            try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(p -> !p.equals(root) && Files.isDirectory(p)).forEach(subs::add);
            } catch (IOException | UncheckedIOException e) {
                throw new EmbeddingException("cannot list the embeddings folder " + root + ": " + e.getMessage(), e);
            }
            out.addAll(subs);
        }
        return out;
    }

    private Cached read(Path file, String name) {
        try {
            long size = Files.size(file);
            FileTime modified = Files.getLastModifiedTime(file);
            Cached c = cache.get(file);
            if (c != null && c.size() == size && c.modified().equals(modified)) {
                return c;
            }
            c = load(file, size, modified);
            cache.put(file, c);
            return c;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EmbeddingException ee) {
                throw ee;
            }
            throw new EmbeddingException("embedding:" + name + ": cannot read " + file + " (" + e.getMessage()
                    + "); replace the file with a valid .safetensors embedding", e);
        }
    }

    private Cached load(Path file, long size, FileTime modified) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            List<String> names = new ArrayList<>(new TreeSet<>(f.names()));
            List<String> chosen;
            if (f.contains(key)) {
                chosen = List.of(key);
            } else {
                chosen = bundled(names, ".string_to_param.*");
                if (chosen.isEmpty()) {
                    chosen = bundled(names, "." + key);
                }
                if (chosen.isEmpty() && !names.isEmpty()) {
                    chosen = List.of(names.get(0));
                }
            }
            if (chosen.isEmpty()) {
                throw new EmbeddingException(file + " holds no tensors; it is not an embedding");
            }
            int width = -1;
            List<float[]> parts = new ArrayList<>();
            for (String t : chosen) {
                TensorInfo info = f.info(t);
                long[] shape = info.shape();
                if (shape.length == 0 || !info.dtype().isFloat()) {
                    throw new EmbeddingException(file + ": tensor '" + t + "' is not a float vector or matrix");
                }
                int w = (int) shape[shape.length - 1];
                if (width >= 0 && w != width) {
                    throw new EmbeddingException(file + ": bundled embedding tensors have different widths");
                }
                width = w;
                parts.add(f.readFloats(t));
            }
            int total = parts.stream().mapToInt(p -> p.length).sum();
            float[] values = new float[total];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, values, at, p.length);
                at += p.length;
            }
            return new Cached(size, modified, width, values);
        }
    }

    private static List<String> bundled(List<String> sortedNames, String suffix) {
        List<String> out = new ArrayList<>();
        for (String n : sortedNames) {
            if (n.startsWith("bundle_emb.") && n.endsWith(suffix)) {
                out.add(n);
            }
        }
        return out;
    }

    /** An embedding file exists but cannot be used; the message names the file and the fix. */
    public static final class EmbeddingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EmbeddingException(String message) {
            super(message);
        }

        public EmbeddingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
