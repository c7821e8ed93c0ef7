package dev.weft.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.engine.text.PromptWeights.WeightedText;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptWeightsTest {
    private static WeightedText w(String text, double weight) {
        return new WeightedText(text, weight);
    }

    @Test
    void parenthesesMultiplyByOnePointOnePerLevel() {
        assertEquals(List.of(w("a ", 1.0), w("b", 1.1), w(" ", 1.0), w("c", 1.1 * 1.1)),
                PromptWeights.parse("a (b) ((c))"));
        assertEquals(1.2100000000000002, PromptWeights.parse("((c))").get(0).weight());
    }

    @Test
    void colonWeightReplacesTheInheritedWeight() {
        assertEquals(List.of(w("a ", 1.0), w("very ", 1.2), w("deeply", 1.5), w(" nested", 1.2), w(" prompt", 1.0)),
                PromptWeights.parse("a (very (deeply:1.5) nested:1.2) prompt"));
        assertEquals(List.of(w("x", 1.3)), PromptWeights.parse("((x:1.3))"));
    }

    @Test
    void escapedParenthesesAreLiteralText() {
        assertEquals(List.of(w("a (b) c", 1.0)), PromptWeights.parse("a \\(b\\) c"));
        assertEquals(List.of(w("(b)", 1.1)), PromptWeights.parse("(\\(b\\))"));
    }

    @Test
    void squareBracketsMeanNothing() {
        assertEquals(List.of(w("[less] [[even]]", 1.0)), PromptWeights.parse("[less] [[even]]"));
    }

    @Test
    void unbalancedParenthesesStayText() {
        assertEquals(List.of(w("(unclosed paren", 1.0)), PromptWeights.parse("(unclosed paren"));
        // A stray ')' makes the depth negative, so the later group is not a group.
        assertEquals(List.of(w("a) (b) c", 1.0)), PromptWeights.parse("a) (b) c"));
    }

    @Test
    void aWeightPythonCannotParseStaysTextWithTheNestingFactor() {
        assertEquals(List.of(w("weight:abc", 1.1)), PromptWeights.parse("(weight:abc)"));
        assertEquals(List.of(w(":1.5", 1.1)), PromptWeights.parse("(:1.5)"));
        assertEquals(List.of(w("x:1.5f", 1.1)), PromptWeights.parse("(x:1.5f)"));
    }

    @Test
    void emptyGroupsVanish() {
        assertEquals(List.of(w("a ", 1.0), w(" b", 1.0)), PromptWeights.parse("a () b"));
        assertEquals(List.of(), PromptWeights.parse(""));
    }

    @Test
    void pythonFloatAcceptsWhatPythonAccepts() {
        assertEquals(1.5, PythonFloat.parse(" 1.5\n").getAsDouble());
        assertEquals(10.5, PythonFloat.parse("1_0.5").getAsDouble());
        assertEquals(0.5, PythonFloat.parse(".5").getAsDouble());
        assertEquals(2.0, PythonFloat.parse("2.").getAsDouble());
        assertEquals(-120.0, PythonFloat.parse("-1.2e2").getAsDouble());
        assertEquals(1.5, PythonFloat.parse("\uFF11.\uFF15").getAsDouble(), "full-width digits");
        assertEquals(Double.NEGATIVE_INFINITY, PythonFloat.parse("-Infinity").getAsDouble());
        assertTrue(Double.isNaN(PythonFloat.parse("nan").getAsDouble()));
    }

    @Test
    void pythonFloatRejectsWhatJavaWouldAccept() {
        for (String s : new String[] {"1.5f", "2d", "0x1p3", "1__0", "_1", "1_", "", ".", "e5", "1e", "abc", "1 2"}) {
            assertFalse(PythonFloat.parse(s).isPresent(), s);
        }
    }
}
