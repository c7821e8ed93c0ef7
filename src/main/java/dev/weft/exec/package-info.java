/**
 * Running prompts: validation with ComfyUI's error kinds ({@link dev.weft.exec.ValidationReport}),
 * and the {@link dev.weft.exec.Executor}: a queue of runs, one engine thread, ComfyUI's execution
 * order and input-signature cache, cancel and interrupt, and events delivered to listeners on a
 * dispatcher thread. Depends on {@code graph}, {@code workflow} and {@code nodes}; never on the
 * engine (node implementations bring it), the UI or the CLI.
 */
package dev.weft.exec;
