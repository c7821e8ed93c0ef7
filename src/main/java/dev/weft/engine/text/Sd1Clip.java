package dev.weft.engine.text;

import ai.djl.ndarray.NDManager;
import java.util.Objects;

/**
 * The CLIP value of an SD 1.x workflow (what ComfyUI's CLIP socket carries): a prompt tokenizer, a
 * text model, and the layer {@code CLIPSetLastLayer} chose. Immutable and cheap to copy: it holds
 * no arrays, so {@code CLIPSetLastLayer} and a LoRA loader derive new values with the with-methods
 * while the weights stay shared.
 *
 * @param tokenizer prompt syntax, vocabulary and embeddings folder
 * @param model     the text transformer over its weights
 * @param layer     which hidden state {@link #encode} returns
 */
public record Sd1Clip(PromptTokenizer tokenizer, ClipTextModel model, ClipLayer layer) {
    public Sd1Clip {
        Objects.requireNonNull(tokenizer);
        Objects.requireNonNull(model);
        Objects.requireNonNull(layer);
    }

    /** A CLIP with the default (last) layer. */
    public static Sd1Clip of(PromptTokenizer tokenizer, ClipTextModel model) {
        return new Sd1Clip(tokenizer, model, ClipLayer.LAST);
    }

    /** {@code CLIPSetLastLayer(stop_at_clip_layer)}: -1 is the last layer, -2 the one before, ... */
    public Sd1Clip withLastLayer(int stopAtClipLayer) {
        return new Sd1Clip(tokenizer, model, ClipLayer.stopAt(stopAtClipLayer));
    }

    /** The same CLIP over another text model (e.g. LoRA-patched weights). */
    public Sd1Clip withModel(ClipTextModel other) {
        return new Sd1Clip(tokenizer, other, layer);
    }

    /** ComfyUI's tokenization of {@code prompt} (weights, embeddings, chunks); no DJL needed. */
    public TokenizedPrompt tokenize(String prompt) {
        return tokenizer.tokenize(prompt);
    }

    /**
     * {@code CLIPTextEncode(text)}: tokenizes and encodes. Engine thread only.
     *
     * @param manager owner of the returned arrays
     * @throws IllegalArgumentException if the prompt's {@code embedding:} syntax is incomplete
     * @throws EmbeddingLibrary.EmbeddingException if a named embedding exists but cannot be read
     */
    public TextConditioning encode(String prompt, NDManager manager) {
        return new ClipTextEncoder(model).encode(tokenize(prompt), layer, manager);
    }
}
