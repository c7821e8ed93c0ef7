package dev.weft.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonEqualityTest {
    private static Optional<String> diff(String a, String b) throws WorkflowException {
        JsonElement x = JsonIo.parse(a, "a");
        JsonElement y = JsonIo.parse(b, "b");
        return JsonEquality.difference(x, y, "$");
    }

    @Test
    void keyOrderAndNumberFormattingDoNotMatter() throws Exception {
        assertTrue(diff("{\"a\": 1, \"b\": [1.0, 2e0]}", "{\"b\": [1, 2], \"a\": 1.00}").isEmpty());
    }

    @Test
    void valuesTypesMissingKeysAndArrayOrderDo() throws Exception {
        assertEquals(Optional.of("$.a: 1 vs 2"), diff("{\"a\": 1}", "{\"a\": 2}"));
        assertEquals(Optional.of("$.a: 1 vs \"1\""), diff("{\"a\": 1}", "{\"a\": \"1\"}"));
        assertTrue(diff("{\"a\": 1}", "{\"a\": 1, \"b\": null}").orElseThrow().contains("$.b: present only in the actual"));
        assertTrue(diff("[1, 2]", "[2, 1]").isPresent());
        assertTrue(diff("{\"a\": null}", "{\"a\": []}").isPresent());
        assertTrue(diff("true", "\"true\"").isPresent());
    }
}
