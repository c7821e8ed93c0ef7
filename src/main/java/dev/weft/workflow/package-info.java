/**
 * ComfyUI's formats at Weft's edge: the UI workflow JSON (0.4 and schema 1) in and out of a
 * {@link dev.weft.graph.Graph}, the API prompt ({@link dev.weft.workflow.PromptExporter} builds it
 * the way the frontend's graphToPrompt does), PNG text metadata, and the frontend behaviours that
 * happen around queueing (control_after_generate, dynamic prompts). Depends on {@code graph} only.
 */
package dev.weft.workflow;
