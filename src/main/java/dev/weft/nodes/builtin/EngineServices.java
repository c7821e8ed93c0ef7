package dev.weft.nodes.builtin;

import ai.djl.ndarray.NDManager;
import dev.weft.engine.lora.LoraPatcher;
import dev.weft.engine.models.ModelCache;
import dev.weft.engine.models.SharedModel;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.text.ClipBpeTokenizer;
import dev.weft.engine.text.ClipVocabulary;
import dev.weft.engine.text.EmbeddingLibrary;
import dev.weft.engine.text.PromptTokenizer;
import dev.weft.engine.text.TokenizerFiles;
import dev.weft.nodes.ModelFolder;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the engine-backed nodes share across runs: the root NDManager, loaded models, and the CLIP
 * vocabulary. Created on first use on the engine thread and used only there.
 */
public final class EngineServices implements AutoCloseable {
    /** Models the cache may keep alive beyond those in use: about two SD 1.5 checkpoints in fp32. */
    private static final long DEFAULT_CACHE_BYTES = 10L << 30;
    /**
     * LoRA-patched tensors kept after their outputs went, for re-use when a strength changes back
     * or another row of a stack changes: a LoRA over every SD 1.5 transformer layer patches 1.07 GB
     * (`weft bench lora`), one that also covers the ResBlock convolutions 3 GB.
     */
    private static final long LORA_IDLE_BYTES = 2L << 30;

    private final boolean downloadTokenizer;
    private NDManager root;
    private ModelCache models;
    private LoraPatcher loras;
    private Path vocabularyRoot;
    private ClipVocabulary vocabulary;
    private boolean fixedVocabulary;

    /**
     * @param downloadTokenizer whether a missing CLIP vocabulary may be downloaded from the Hugging
     *                          Face hub
     */
    public EngineServices(boolean downloadTokenizer) {
        this.downloadTokenizer = downloadTokenizer;
    }

    /** Services that tokenize with {@code vocabulary} whatever the models folder holds (tests). */
    public static EngineServices withVocabulary(ClipVocabulary vocabulary) {
        EngineServices s = new EngineServices(false);
        s.vocabulary = vocabulary;
        s.fixedVocabulary = true;
        return s;
    }

    /** The parent of every array the nodes create. */
    public NDManager root() {
        if (root == null) {
            TensorRuntime.ensureInit();
            root = NDManager.newBaseManager();
        }
        return root;
    }

    public ModelCache models() {
        if (models == null) {
            models = new ModelCache(DEFAULT_CACHE_BYTES);
        }
        return models;
    }

    /** Applies LoRAs and caches the patched tensors the LoRA nodes share. */
    public LoraPatcher loras() {
        if (loras == null) {
            loras = new LoraPatcher(root(), LORA_IDLE_BYTES);
        }
        return loras;
    }

    /**
     * The model of {@code kind} in {@code file}, loaded once per file version through the model
     * cache (the same file loaded as another kind is another model). The caller owns the handle:
     * a node that outputs the model gives it to {@link NodeContext#own}, others close it.
     *
     * @param input the node input that named the file
     * @throws NodeFailure on {@code input} when the file cannot be read or loaded as that kind
     */
    public <T> SharedModel<T> loadModel(String kind, Path file, String input, ModelCache.Loader<T> loader)
            throws NodeFailure {
        try {
            return models().get(kind, file, loader);
        } catch (IOException e) {
            throw new NodeFailure(input, e.getMessage(), e);
        }
    }

    /** A manager for one node's outputs, freed when those outputs leave the executor's cache. */
    public NDManager outputManager(NodeContext ctx) {
        return ctx.own(root().newSubManager());
    }

    /**
     * The SD1 prompt tokenizer over the models folder's CLIP vocabulary and embeddings. The
     * vocabulary is read once per models folder.
     *
     * @throws NodeFailure on {@code input} when the vocabulary files cannot be found or fetched
     */
    public PromptTokenizer tokenizer(ModelFolders folders, String input) throws NodeFailure {
        Path modelsRoot = folders.modelsRoot();
        if (!fixedVocabulary && (vocabulary == null || !Objects.equals(vocabularyRoot, modelsRoot))) {
            try {
                TokenizerFiles.Builder files = TokenizerFiles.builder(modelsRoot);
                if (!downloadTokenizer) {
                    files.downloadFrom(null);
                }
                vocabulary = files.build().load().vocabulary();
                vocabularyRoot = modelsRoot;
            } catch (IOException e) {
                throw new NodeFailure(input, e.getMessage(), e);
            }
        }
        List<Path> embeddings = folders.directories(ModelFolder.EMBEDDINGS);
        return new PromptTokenizer(new ClipBpeTokenizer(vocabulary), EmbeddingLibrary.sd1(embeddings));
    }

    @Override
    public void close() {
        if (loras != null) {
            loras.close();
        }
        if (models != null) {
            models.close();
        }
        if (root != null) {
            root.close();
        }
    }
}
