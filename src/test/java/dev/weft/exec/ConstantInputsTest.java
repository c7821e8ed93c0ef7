package dev.weft.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.graph.InputSection;
import dev.weft.graph.InputSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constants are read as ComfyUI's validate_inputs reads them (int(), float(), ...), then range-checked. */
class ConstantInputsTest {
    private static InputSpec spec(String type, String options, String... choices) {
        List<JsonElement> list = java.util.Arrays.stream(choices).map(JsonParser::parseString).toList();
        return new InputSpec("x", InputSection.REQUIRED, type, list, JsonParser.parseString(options).getAsJsonObject());
    }

    private static Object value(InputSpec spec, String json) {
        ConstantInputs.Outcome o = ConstantInputs.read(spec, JsonParser.parseString(json));
        if (o instanceof ConstantInputs.Problem p) {
            return p.kind();
        }
        return ((ConstantInputs.Value) o).value();
    }

    @Test
    void intIsReadLikePythonsInt() {
        InputSpec in = spec("INT", "{}");
        assertEquals(5L, value(in, "5"));
        assertEquals(5L, value(in, "5.0"));
        assertEquals(5L, value(in, "5.7"));
        assertEquals(-5L, value(in, "-5.7"));
        assertEquals(5L, value(in, "\" 5 \""));
        assertEquals(1000L, value(in, "\"1_000\""));
        assertEquals(1L, value(in, "true"));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "\"5.0\""));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "\"five\""));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "null"));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "{\"a\": 1}"));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "18446744073709551616"));
    }

    @Test
    void floatIsReadLikePythonsFloatButNanIsRefused() {
        InputSpec in = spec("FLOAT", "{}");
        assertEquals(7.0, value(in, "7"));
        assertEquals(7.5, value(in, "\"7.5\""));
        assertEquals(0.5, value(in, "\".5\""));
        assertEquals(1.0, value(in, "true"));
        assertEquals(Double.POSITIVE_INFINITY, value(in, "\"inf\""));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "\"nan\""));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "\"7,5\""));
        assertEquals(ValidationKind.VALUE_BIGGER_THAN_MAX, value(spec("FLOAT", "{\"max\": 1.0}"), "\"inf\""));
    }

    @Test
    void booleanAcceptsBooleansNumbersAndTheWordsTrueAndFalse() {
        InputSpec in = spec("BOOLEAN", "{}");
        assertEquals(true, value(in, "true"));
        assertEquals(false, value(in, "0"));
        assertEquals(true, value(in, "2"));
        assertEquals(false, value(in, "\"False\""));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "\"yes\""));
    }

    @Test
    void stringTakesPrimitivesAsText() {
        InputSpec in = spec("STRING", "{}");
        assertEquals("a cat", value(in, "\"a cat\""));
        assertEquals("5", value(in, "5"));
        assertEquals("True", value(in, "true"));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(in, "{\"a\": 1}"));
    }

    @Test
    void comboMatchesStringsByTextAndNumbersByValue() {
        InputSpec in = spec("COMBO", "{}", "\"euler\"", "\"heun\"", "2");
        assertEquals("heun", value(in, "\"heun\""));
        assertEquals("2", value(in, "2.0"));
        assertEquals(ValidationKind.VALUE_NOT_IN_LIST, value(in, "\"Euler\""));
        assertEquals(ValidationKind.VALUE_NOT_IN_LIST, value(in, "\"2\""));
    }

    @Test
    void rangesAreCheckedExactlyEvenForSixtyFourBitSeeds() {
        InputSpec seed = spec("INT", "{\"min\": 0, \"max\": 18446744073709551615}");
        assertEquals(-1L, value(seed, "18446744073709551615"));
        assertEquals(ValidationKind.VALUE_BIGGER_THAN_MAX, value(seed, "18446744073709551616"));
        assertEquals(ValidationKind.VALUE_SMALLER_THAN_MIN, value(seed, "-1"));
        InputSpec cfg = spec("FLOAT", "{\"min\": 0.0, \"max\": 100.0}");
        assertEquals(100.0, value(cfg, "100"));
        assertEquals(ValidationKind.VALUE_BIGGER_THAN_MAX, value(cfg, "100.01"));
    }

    @Test
    void otherWidgetTypesPassTheirJsonAndSocketTypesRefuseConstants() {
        JsonObject opts = new JsonObject();
        opts.addProperty("widgetType", "LORA_STACK");
        InputSpec rows = new InputSpec("loras", InputSection.REQUIRED, "LORA_STACK", List.of(), opts);
        assertEquals(JsonParser.parseString("[{\"name\": \"a\"}]"), value(rows, "[{\"name\": \"a\"}]"));
        assertEquals(ValidationKind.INVALID_INPUT_TYPE, value(spec("MODEL", "{}"), "1"));
    }
}
