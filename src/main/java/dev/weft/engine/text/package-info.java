/**
 * Prompt text to SD 1.x conditioning, reproducing ComfyUI ({@code comfy/sd1_clip.py},
 * {@code comfy/clip_model.py}).
 *
 * <h2>Pipeline</h2>
 * <pre>
 *  prompt ──PromptWeights──▶ weighted runs ──PromptTokenizer (ClipBpeTokenizer, EmbeddingLibrary)──▶
 *  TokenizedPrompt (77-position chunks) ──ClipTextEncoder (ClipTextModel, ClipLayer)──▶ TextConditioning
 * </pre>
 * Tokenizing needs no DJL and is thread-safe; encoding runs on the engine thread.
 *
 * <h2>Building it (checkpoint loader)</h2>
 * <pre>{@code
 * ClipVocabulary vocab = TokenizerFiles.builder(modelsDir).comfyUi(comfyRootOrNull).build()
 *         .load(progress).vocabulary();                          // once per application
 * PromptTokenizer tokenizer = new PromptTokenizer(new ClipBpeTokenizer(vocab),
 *         EmbeddingLibrary.sd1(List.of(modelsDir.resolve("embeddings"))));
 * ClipTextModel model = ClipTextModel.fromCheckpoint(checkpointWeights); // sizes from shapes, heads = width/64
 * Sd1Clip clip = Sd1Clip.of(tokenizer, model);                  // the CLIP socket value
 * }</pre>
 * {@code checkpointWeights} is the whole checkpoint's {@code Weights}; the text model is found under
 * {@code cond_stage_model.transformer.text_model.} or the older {@code cond_stage_model.transformer.}.
 * A LoRA-patched CLIP is {@code clip.withModel(model.withWeights(ClipTextModel.textModelWeights(patched)))}.
 *
 * <h2>Nodes</h2>
 * {@code CLIPSetLastLayer}: {@code clip.withLastLayer(stop_at_clip_layer)}. {@code CLIPTextEncode}:
 * {@code clip.encode(text, manager)} gives {@code cond [1, 77·k, C]}, {@code pooled [1, C]} and
 * warnings (missing embeddings) to show on the node.
 */
package dev.weft.engine.text;
