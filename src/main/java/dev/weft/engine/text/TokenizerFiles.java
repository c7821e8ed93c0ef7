package dev.weft.engine.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds CLIP ViT-L/14's tokenizer files ({@code vocab.json}, {@code merges.txt}), which Weft never
 * bundles: they are another project's data. Looks, in order, in
 * <ol>
 *   <li>{@code <models>/tokenizers/clip-vit-large-patch14/};</li>
 *   <li>a ComfyUI install the user pointed at: {@code <ComfyUI>/comfy/sd1_tokenizer/};</li>
 *   <li>else downloads the missing files once from the Hugging Face hub (base URL configurable) into
 *       the models folder, reporting progress, checking them, and moving each into place
 *       atomically so an interrupted download never leaves a partial file.</li>
 * </ol>
 * Files from every source are checked against {@link #CLIP_VIT_L14} (content digests, see
 * {@link ClipVocabulary}). When nothing works, {@link TokenizerFilesException} says which files are
 * needed and where to put them. Blocking I/O; call it from a worker thread, not the UI thread.
 */
public final class TokenizerFiles {
    public static final String VOCAB = "vocab.json";
    public static final String MERGES = "merges.txt";
    /** Where Weft keeps the files, relative to the models folder. */
    public static final String MODELS_SUBFOLDER = "tokenizers/clip-vit-large-patch14";
    /** Where a ComfyUI install has them, relative to its root. */
    public static final String COMFYUI_SUBFOLDER = "comfy/sd1_tokenizer";
    /** The hub folder the files are downloaded from; {@code vocab.json} and {@code merges.txt} are appended. */
    public static final URI HUGGING_FACE_BASE =
            URI.create("https://huggingface.co/openai/clip-vit-large-patch14/resolve/main/");
    /**
     * Content digests of the CLIP ViT-L/14 vocabulary, computed from ComfyUI's bundled copies
     * (byte-identical to shared/golden/tokenizer); see {@link ClipVocabulary} for the canonical form.
     */
    public static final Checksums CLIP_VIT_L14 = new Checksums(
            "7119a725498b04c3938fb15ec9bdd03a27bca8cf81ad391688c2640c71b64c93",
            "d308b7377a8ceaa9707a21614fe8c831b9196e197b7aeb69833359362907af02");

    private static final int PROGRESS_STEP = 256 * 1024;

    /**
     * Expected content digests (lower-case hex SHA-256).
     *
     * @param vocab  digest of vocab.json's content
     * @param merges digest of merges.txt's content
     */
    public record Checksums(String vocab, String merges) {
    }

    /** Where the files were found. */
    public enum Origin {
        MODELS_FOLDER, COMFYUI, DOWNLOADED
    }

    /**
     * The loaded vocabulary and where it came from.
     *
     * @param vocabulary the parsed, verified files
     * @param folder     the folder holding both files
     * @param origin     which source supplied them
     */
    public record Found(ClipVocabulary vocabulary, Path folder, Origin origin) {
    }

    /** Download progress: called on the loading thread, at least once per file and at its end. */
    @FunctionalInterface
    public interface DownloadProgress {
        /**
         * @param file  {@code vocab.json} or {@code merges.txt}
         * @param done  bytes received so far
         * @param total bytes expected, or -1 if the server did not say
         */
        void update(String file, long done, long total);

        DownloadProgress NONE = (f, d, t) -> { };
    }

    private final Path modelsDir;
    private final Path comfyUiDir;
    private final URI downloadBase;
    private final Checksums checksums;
    private final Duration timeout;

    private TokenizerFiles(Builder b) {
        this.modelsDir = b.modelsDir;
        this.comfyUiDir = b.comfyUiDir;
        this.downloadBase = b.downloadBase;
        this.checksums = b.checksums;
        this.timeout = b.timeout;
    }

    /** Sources for a models folder: downloads from the hub allowed, no ComfyUI install. */
    public static Builder builder(Path modelsDir) {
        return new Builder(modelsDir);
    }

    /** Options of a {@link TokenizerFiles}. */
    public static final class Builder {
        private final Path modelsDir;
        private Path comfyUiDir;
        private URI downloadBase = HUGGING_FACE_BASE;
        private Checksums checksums = CLIP_VIT_L14;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder(Path modelsDir) {
            this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir");
        }

        /** A ComfyUI install (its root folder) to take the files from; null for none. */
        public Builder comfyUi(Path root) {
            this.comfyUiDir = root;
            return this;
        }

        /** The folder URL to download from (ending in '/'); null forbids downloading. */
        public Builder downloadFrom(URI base) {
            this.downloadBase = base;
            return this;
        }

        /** Expected digests; {@link #CLIP_VIT_L14} unless testing with other files. */
        public Builder checksums(Checksums expected) {
            this.checksums = Objects.requireNonNull(expected);
            return this;
        }

        /** Connection and response-header timeout of a download. */
        public Builder timeout(Duration t) {
            this.timeout = Objects.requireNonNull(t);
            return this;
        }

        public TokenizerFiles build() {
            return new TokenizerFiles(this);
        }
    }

    /** {@code <models>/tokenizers/clip-vit-large-patch14}, where downloads go. */
    public Path modelsFolder() {
        return modelsDir.resolve(MODELS_SUBFOLDER);
    }

    /** {@link #load(DownloadProgress)} without progress reports. */
    public Found load() throws TokenizerFilesException {
        return load(DownloadProgress.NONE);
    }

    /**
     * Finds, checks and parses the files, downloading them if needed.
     *
     * @throws TokenizerFilesException naming the files, the folders tried and how to fix it
     */
    public Found load(DownloadProgress progress) throws TokenizerFilesException {
        List<String> tried = new ArrayList<>();
        Path local = modelsFolder();
        if (hasBoth(local)) {
            return new Found(verified(local.resolve(VOCAB), local.resolve(MERGES), "in " + local), local,
                    Origin.MODELS_FOLDER);
        }
        tried.add(local + " (" + missing(local) + " missing)");
        if (comfyUiDir != null) {
            Path comfy = comfyUiDir.resolve(COMFYUI_SUBFOLDER);
            if (hasBoth(comfy)) {
                return new Found(verified(comfy.resolve(VOCAB), comfy.resolve(MERGES), "in " + comfy), comfy,
                        Origin.COMFYUI);
            }
            tried.add(comfy + " (" + missing(comfy) + " missing)");
        }
        if (downloadBase == null) {
            tried.add("download from the Hugging Face hub (switched off)");
            throw notFound(tried);
        }
        try {
            return download(local, progress);
        } catch (TokenizerFilesException e) {
            throw e;
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            tried.add("download from " + downloadBase + " (failed: " + e.getMessage() + ")");
            throw notFound(tried);
        }
    }

    private Found download(Path folder, DownloadProgress progress) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Map<String, Path> parts = new LinkedHashMap<>();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            for (String name : List.of(VOCAB, MERGES)) {
                if (!Files.isRegularFile(folder.resolve(name))) {
                    parts.put(name, fetch(http, name, folder, progress));
                }
            }
            Path vocab = parts.getOrDefault(VOCAB, folder.resolve(VOCAB));
            Path merges = parts.getOrDefault(MERGES, folder.resolve(MERGES));
            ClipVocabulary v = verified(vocab, merges, "downloaded from " + downloadBase);
            for (Map.Entry<String, Path> p : parts.entrySet()) {
                moveIntoPlace(p.getValue(), folder.resolve(p.getKey()));
            }
            parts.clear();
            return new Found(v, folder, Origin.DOWNLOADED);
        } finally {
            for (Path p : parts.values()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path fetch(HttpClient http, String name, Path folder, DownloadProgress progress)
            throws IOException, InterruptedException {
        URI uri = downloadBase.resolve(name);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("HTTP " + resp.statusCode() + " for " + uri);
            }
            long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            Path part = Files.createTempFile(folder, "." + name + ".", ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[64 * 1024];
                long done = 0;
                long reported = 0;
                progress.update(name, 0, total);
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    done += n;
                    if (done - reported >= PROGRESS_STEP) {
                        progress.update(name, done, total);
                        reported = done;
                    }
                }
                if (total >= 0 && done != total) {
                    throw new IOException(uri + " ended after " + done + " of " + total + " bytes");
                }
                progress.update(name, done, total);
                return part;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Parses the pair and checks both digests. */
    private ClipVocabulary verified(Path vocab, Path merges, String where) throws TokenizerFilesException {
        ClipVocabulary v;
        try {
            v = ClipVocabulary.load(vocab, merges);
        } catch (IOException e) {
            throw new TokenizerFilesException("CLIP tokenizer files " + where + " cannot be used: " + e.getMessage()
                    + ". " + replaceAdvice(), e);
        }
        String bad = !v.vocabDigest().equals(checksums.vocab()) ? VOCAB
                : !v.mergesDigest().equals(checksums.merges()) ? MERGES : null;
        if (bad != null) {
            String got = bad.equals(VOCAB) ? v.vocabDigest() : v.mergesDigest();
            String want = bad.equals(VOCAB) ? checksums.vocab() : checksums.merges();
            throw new TokenizerFilesException(bad + " " + where + " is not CLIP ViT-L/14's (content SHA-256 " + got
                    + ", expected " + want + "); nothing was changed. " + replaceAdvice());
        }
        return v;
    }

    private String replaceAdvice() {
        return "Delete it so Weft downloads it again, or replace it with the file from " + HUGGING_FACE_BASE
                + " (or from a ComfyUI install's " + COMFYUI_SUBFOLDER + "/).";
    }

    private TokenizerFilesException notFound(List<String> tried) {
        return new TokenizerFilesException("CLIP's tokenizer needs " + VOCAB + " and " + MERGES
                + " of openai/clip-vit-large-patch14, which Weft does not ship. Put both files in "
                + modelsFolder().toAbsolutePath() + ", or set the ComfyUI folder so Weft can read them from its "
                + COMFYUI_SUBFOLDER + "/, or allow the one-time download from " + HUGGING_FACE_BASE
                + ". Tried: " + String.join("; ", tried) + ".");
    }

    private static boolean hasBoth(Path folder) {
        return Files.isRegularFile(folder.resolve(VOCAB)) && Files.isRegularFile(folder.resolve(MERGES));
    }

    private static String missing(Path folder) {
        List<String> m = new ArrayList<>();
        for (String n : List.of(VOCAB, MERGES)) {
            if (!Files.isRegularFile(folder.resolve(n))) {
                m.add(n);
            }
        }
        return String.join(" and ", m);
    }

    /** The tokenizer files cannot be found, downloaded or used; the message says what to do. */
    public static final class TokenizerFilesException extends IOException {
        private static final long serialVersionUID = 1L;

        public TokenizerFilesException(String message) {
            super(message);
        }

        public TokenizerFilesException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
