package dev.weft.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.PrimitiveIterator;
import java.util.function.DoubleSupplier;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class DynamicPromptsTest {
    private static DoubleSupplier seq(double... values) {
        PrimitiveIterator.OfDouble it = DoubleStream.of(values).iterator();
        return it::nextDouble;
    }

    @Test
    void aChoicePicksFloorOfRandomTimesCount() {
        assertEquals("a red car", DynamicPrompts.process("a {red|blue} car", seq(0.0)));
        assertEquals("a blue car", DynamicPrompts.process("a {red|blue} car", seq(0.5)));
        assertEquals("a  car", DynamicPrompts.process("a {|x} car", seq(0.1)), "an empty option is allowed");
    }

    @Test
    void nestedChoicesResolveInsideOut() {
        assertEquals("c", DynamicPrompts.process("{a|{b|c}}", seq(0.9, 0.9)));
        assertEquals("a", DynamicPrompts.process("{a|{b|c}}", seq(0.1)));
        assertEquals("x b y", DynamicPrompts.process("x {a|b} y", seq(0.7)));
    }

    @Test
    void commentsAreStrippedFirst() {
        assertEquals("cat \nbird  end", DynamicPrompts.process("cat // dog {a|b}\nbird /* fish\n{c|d} */ end", seq()));
        assertEquals("see http:", DynamicPrompts.process("see http://example.com", seq()), "as the frontend does");
    }

    @Test
    void backslashKeepsBracesAndPipesLiteral() {
        assertEquals("{not a choice}", DynamicPrompts.process("\\{not a choice\\}", seq()));
        assertEquals("a|b", DynamicPrompts.process("{a\\|b|c}", seq(0.0)));
        assertEquals("c:\\path", DynamicPrompts.process("c:\\path", seq()), "other escapes keep their backslash");
    }

    @Test
    void anUnclosedChoiceTakesTheRestOfTheText() {
        assertEquals("x b", DynamicPrompts.process("x {a|b", seq(0.6)));
    }
}
