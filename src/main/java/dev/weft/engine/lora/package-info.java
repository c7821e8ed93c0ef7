/**
 * LoRA for SD 1.x as ComfyUI applies it: which weight each layer name of a LoRA file patches
 * ({@link dev.weft.engine.lora.LoraKeyMap}, {@link dev.weft.engine.lora.DiffusersUnetNames}), what
 * a file holds for a model ({@link dev.weft.engine.lora.LoraMatcher},
 * {@link dev.weft.engine.lora.LoraReport}), and non-destructive patching with patched tensors
 * shared through a bounded cache ({@link dev.weft.engine.lora.LoraPatcher},
 * {@link dev.weft.engine.lora.LoraWeights}). The nodes live in {@code dev.weft.nodes.builtin}.
 */
package dev.weft.engine.lora;
