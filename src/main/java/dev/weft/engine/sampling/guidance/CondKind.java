package dev.weft.engine.sampling.guidance;

/** Which conditioning a chunk of a batched model call is evaluated with. */
public enum CondKind {
    /** The positive prompt (ComfyUI's {@code cond}, index 0 of {@code cond_or_uncond}). */
    POSITIVE,
    /** The negative prompt (ComfyUI's {@code uncond}, index 1). */
    NEGATIVE
}
