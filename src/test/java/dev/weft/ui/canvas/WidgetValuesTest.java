package dev.weft.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.weft.graph.InputSpec;
import dev.weft.graph.NodeSpec;
import dev.weft.ui.UiFixtures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WidgetValuesTest {
    @TempDir
    Path dir;
    NodeSpec k;

    @BeforeEach
    void setUp() {
        k = UiFixtures.catalog(dir).find("KSampler").orElseThrow();
    }

    private InputSpec in(String name) {
        return k.input(name).orElseThrow();
    }

    @Test
    void seedsStepExactlyUpTo2To64Minus1() {
        BigInteger max = new BigInteger("18446744073709551615");
        assertEquals(new JsonPrimitive(max), WidgetValues.stepped(new JsonPrimitive(max.subtract(BigInteger.ONE)),
                in("seed"), 5));
        assertEquals(new JsonPrimitive(0), WidgetValues.stepped(new JsonPrimitive(2), in("seed"), -5));
    }

    @Test
    void cfgSnapsToItsTenthStepAndShowsTwoDecimalsFromItsRound() {
        assertEquals(new JsonPrimitive(7.6), WidgetValues.stepped(new JsonPrimitive(7.5), in("cfg"), 1));
        assertEquals("7.50", WidgetValues.format(new JsonPrimitive(7.5), in("cfg")));
        assertEquals(new JsonPrimitive(25.0), WidgetValues.slid(in("cfg"), 0.2504));
        assertEquals(0.075, WidgetValues.fraction(new JsonPrimitive(7.5), in("cfg")), 1e-12);
    }

    @Test
    void denoiseSliderStaysInItsRange() {
        assertEquals(new JsonPrimitive(1.0), WidgetValues.slid(in("denoise"), 1.7));
        assertEquals(new JsonPrimitive(0.0), WidgetValues.slid(in("denoise"), -1));
        assertEquals(new JsonPrimitive(0.33), WidgetValues.slid(in("denoise"), 0.333));
    }

    @Test
    void dragMovesOneStepPerFourUnits() {
        assertEquals(new JsonPrimitive(25), WidgetValues.dragged(new JsonPrimitive(20), in("steps"), 20));
        assertEquals(new JsonPrimitive(1), WidgetValues.dragged(new JsonPrimitive(20), in("steps"), -400));
    }

    @Test
    void typedTextIsParsedRoundedAndClamped() {
        assertEquals(Optional.of(new JsonPrimitive(10000)), WidgetValues.parse("99999", in("steps")));
        assertEquals(Optional.of(new JsonPrimitive(13)), WidgetValues.parse(" 12.6 ", in("steps")));
        assertEquals(Optional.of(new JsonPrimitive(3.14)), WidgetValues.parse("3.14159", in("cfg")));
        assertTrue(WidgetValues.parse("abc", in("cfg")).isEmpty());
    }

    @Test
    void comboStepsStopAtTheEnds() {
        List<String> c = List.of("a", "b", "c");
        assertEquals(new JsonPrimitive("c"), WidgetValues.steppedChoice(new JsonPrimitive("b"), c, 5).orElseThrow());
        assertEquals(new JsonPrimitive("a"), WidgetValues.steppedChoice(new JsonPrimitive("b"), c, -1).orElseThrow());
        assertEquals(new JsonPrimitive("a"), WidgetValues.steppedChoice(new JsonPrimitive("zz"), c, 1).orElseThrow());
    }
}
