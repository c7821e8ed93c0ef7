package dev.weft.engine.models;

import java.util.List;

/**
 * The CONDITIONING socket value: a list of entries whose predictions are averaged (ComfyUI's
 * {@code calc_cond_batch} without areas or masks). CLIPTextEncode makes a single entry.
 */
public record Conditioning(List<CondEntry> entries) {
    public Conditioning {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a conditioning needs at least one entry");
        }
    }

    public static Conditioning of(CondEntry entry) {
        return new Conditioning(List.of(entry));
    }
}
