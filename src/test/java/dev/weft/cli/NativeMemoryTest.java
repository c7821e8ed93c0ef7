package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    @Test
    void engineCommandsAndTheEditorRelaunchQuickCommandsDoNot() {
        assertTrue(NativeMemory.worthIt(new String[0]));
        assertTrue(NativeMemory.worthIt(new String[] {"run", "samples/txt2img.json"}));
        assertTrue(NativeMemory.worthIt(new String[] {"bench", "vae"}));
        assertTrue(NativeMemory.worthIt(new String[] {"samples/txt2img.json"}));
        assertFalse(NativeMemory.worthIt(new String[] {"validate", "samples/txt2img.json"}));
        assertFalse(NativeMemory.worthIt(new String[] {"nodes"}));
        assertFalse(NativeMemory.worthIt(new String[] {"--help"}));
    }

    @Test
    void childGetsHugePagesAndOneReusedHeap() {
        assertEquals(List.of("THP_MEM_ALLOC_ENABLE", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_"),
                List.copyOf(NativeMemory.SETTINGS.keySet()));
        assertEquals("1", NativeMemory.SETTINGS.get("MALLOC_ARENA_MAX"));
        assertEquals("0", NativeMemory.SETTINGS.get("MALLOC_MMAP_MAX_"));
        assertEquals(Long.toString(512L << 20), NativeMemory.SETTINGS.get("MALLOC_TRIM_THRESHOLD_"));
    }
}
