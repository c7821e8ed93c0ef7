package dev.weft.exec;

import com.google.gson.JsonObject;
import dev.weft.workflow.ApiPrompt;
import java.util.Set;

/**
 * A prompt to run.
 *
 * @param prompt       the API prompt (dynamic prompts already resolved, LoraStack not expanded)
 * @param extraPngInfo what SaveImage embeds besides the prompt, normally {@code {"workflow": {...}}};
 *                     {@code null} means none
 * @param targets      node ids to run with their ancestors; empty runs every output node
 */
public record RunRequest(ApiPrompt prompt, JsonObject extraPngInfo, Set<String> targets) {
    public RunRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("a run needs a prompt");
        }
        extraPngInfo = extraPngInfo == null ? new JsonObject() : extraPngInfo.deepCopy();
        targets = targets == null ? Set.of() : Set.copyOf(targets);
    }

    /** Every output of {@code prompt}, with no extra PNG info. */
    public static RunRequest of(ApiPrompt prompt) {
        return new RunRequest(prompt, null, Set.of());
    }
}
