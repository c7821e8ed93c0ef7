package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import com.sun.net.httpserver.HttpServer;
import dev.weft.engine.golden.GoldenFiles;
import dev.weft.engine.text.TokenizerFiles.Checksums;
import dev.weft.engine.text.TokenizerFiles.Found;
import dev.weft.engine.text.TokenizerFiles.Origin;
import dev.weft.engine.text.TokenizerFiles.TokenizerFilesException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and downloading the tokenizer files, against a local HTTP server on 127.0.0.1. */
class TokenizerFilesTest {
    @TempDir
    Path tmp;
    private Path models;
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private URI base;
    private Checksums tinyChecksums;

    @BeforeEach
    void start() throws Exception {
        models = tmp.resolve("models");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/repo/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/repo/".length());
            byte[] body = served.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo/");
        ClipVocabulary tiny = ClipVocabulary.parse(ClipBpeTokenizerTest.VOCAB, ClipBpeTokenizerTest.MERGES, "v", "m");
        tinyChecksums = new Checksums(tiny.vocabDigest(), tiny.mergesDigest());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serveTiny() {
        served.put(TokenizerFiles.VOCAB, ClipBpeTokenizerTest.VOCAB.getBytes(StandardCharsets.UTF_8));
        served.put(TokenizerFiles.MERGES, ClipBpeTokenizerTest.MERGES.getBytes(StandardCharsets.UTF_8));
    }

    private TokenizerFiles.Builder tinyFiles() {
        return TokenizerFiles.builder(models).downloadFrom(base).checksums(tinyChecksums);
    }

    private List<Path> leftovers() throws IOException {
        Path folder = models.resolve(TokenizerFiles.MODELS_SUBFOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void downloadsOnceIntoTheModelsFolderWithProgressThenReadsItFromThere() throws Exception {
        serveTiny();
        List<String> progress = new ArrayList<>();
        Found first = tinyFiles().build().load((file, done, total) -> progress.add(file + " " + done + "/" + total));
        Path folder = models.resolve("tokenizers/clip-vit-large-patch14");
        assertEquals(Origin.DOWNLOADED, first.origin());
        assertEquals(folder, first.folder());
        assertEquals(ClipBpeTokenizerTest.VOCAB, Files.readString(folder.resolve("vocab.json")));
        assertEquals(ClipBpeTokenizerTest.MERGES, Files.readString(folder.resolve("merges.txt")));
        int vocabBytes = ClipBpeTokenizerTest.VOCAB.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(progress.contains("vocab.json " + vocabBytes + "/" + vocabBytes), progress.toString());
        assertEquals("merges.txt 0/" + ClipBpeTokenizerTest.MERGES.getBytes(StandardCharsets.UTF_8).length,
                progress.get(2));
        assertEquals(2, requests.get());

        Found second = tinyFiles().build().load();
        assertEquals(Origin.MODELS_FOLDER, second.origin());
        assertEquals(2, requests.get(), "the second load must not download again");
        assertEquals(List.of(), leftovers());
    }

    @Test
    void onlyTheMissingFileIsDownloaded() throws Exception {
        serveTiny();
        Path folder = Files.createDirectories(models.resolve(TokenizerFiles.MODELS_SUBFOLDER));
        Files.writeString(folder.resolve("vocab.json"), ClipBpeTokenizerTest.VOCAB);
        assertEquals(Origin.DOWNLOADED, tinyFiles().build().load().origin());
        assertEquals(1, requests.get());
    }

    @Test
    void aChecksumMismatchSavesNothingAndSaysWhichFile() throws Exception {
        serveTiny();
        served.put(TokenizerFiles.MERGES, "#version: 0.2\nl o\n".getBytes(StandardCharsets.UTF_8));
        TokenizerFilesException e = assertThrows(TokenizerFilesException.class, () -> tinyFiles().build().load());
        assertTrue(e.getMessage().contains("merges.txt") && e.getMessage().contains(tinyChecksums.merges()),
                e.getMessage());
        Path folder = models.resolve(TokenizerFiles.MODELS_SUBFOLDER);
        assertFalse(Files.exists(folder.resolve("vocab.json")), "the matching file is not kept either");
        assertFalse(Files.exists(folder.resolve("merges.txt")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void a404ExplainsWhichFilesAreNeededAndWhereToPutThem() throws Exception {
        TokenizerFilesException e = assertThrows(TokenizerFilesException.class, () -> tinyFiles().build().load());
        String m = e.getMessage();
        assertTrue(m.contains("vocab.json") && m.contains("merges.txt"), m);
        assertTrue(m.contains(models.resolve("tokenizers/clip-vit-large-patch14").toAbsolutePath().toString()), m);
        assertTrue(m.contains("HTTP 404"), m);
        assertTrue(m.contains("comfy/sd1_tokenizer"), m);
        assertEquals(List.of(), leftovers());
    }

    @Test
    void withDownloadsOffAndNoFilesTheErrorSaysSo() {
        TokenizerFilesException e = assertThrows(TokenizerFilesException.class,
                () -> TokenizerFiles.builder(models).downloadFrom(null).comfyUi(tmp.resolve("ComfyUI")).build().load());
        assertTrue(e.getMessage().contains("switched off"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("ComfyUI/comfy/sd1_tokenizer").toString()), e.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void aComfyUiInstallIsUsedWhenTheModelsFolderHasNoCopy() throws Exception {
        Path comfy = tmp.resolve("ComfyUI");
        Path folder = Files.createDirectories(comfy.resolve("comfy/sd1_tokenizer"));
        Files.writeString(folder.resolve("vocab.json"), ClipBpeTokenizerTest.VOCAB);
        Files.writeString(folder.resolve("merges.txt"), ClipBpeTokenizerTest.MERGES.replace("\n", "\r\n"));
        Found f = tinyFiles().comfyUi(comfy).build().load();
        assertEquals(Origin.COMFYUI, f.origin());
        assertEquals(folder, f.folder());
        assertEquals(0, requests.get());
    }

    @Test
    void aWrongLocalFileIsAnErrorNotASilentDownload() throws Exception {
        serveTiny();
        Path folder = Files.createDirectories(models.resolve(TokenizerFiles.MODELS_SUBFOLDER));
        Files.writeString(folder.resolve("vocab.json"), "{\"<|startoftext|>\": 0, \"<|endoftext|>\": 1}");
        Files.writeString(folder.resolve("merges.txt"), ClipBpeTokenizerTest.MERGES);
        TokenizerFilesException e = assertThrows(TokenizerFilesException.class, () -> tinyFiles().build().load());
        assertTrue(e.getMessage().contains("vocab.json") && e.getMessage().contains("Delete it"), e.getMessage());
        assertEquals(0, requests.get());
    }

    @Test
    void theRealVocabularyDownloadsInTheHubsCompactFormatAndPassesTheBuiltInChecksums() throws Exception {
        Path golden = GoldenFiles.dir("tokenizer");
        Map<String, Integer> map = new Gson().fromJson(Files.readString(golden.resolve("vocab.json")),
                new TypeToken<LinkedHashMap<String, Integer>>() { }.getType());
        served.put(TokenizerFiles.VOCAB, new GsonBuilder().disableHtmlEscaping().create().toJson(map)
                .getBytes(StandardCharsets.UTF_8));
        served.put(TokenizerFiles.MERGES, Files.readAllBytes(golden.resolve("merges.txt")));
        Found f = TokenizerFiles.builder(models).downloadFrom(base).build().load();
        assertEquals(Origin.DOWNLOADED, f.origin());
        assertEquals(49408, f.vocabulary().size());
        ClipBpeTokenizer bpe = new ClipBpeTokenizer(f.vocabulary());
        assertEquals(2368, bpe.encode("cat")[0]);
    }
}
