package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
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
    void childGetsHugePagesAndOneReusedHeapButKeepsWhatTheUserSet() {
        Map<String, String> env = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4", "PATH", "/usr/bin"));
        NativeMemory.addSettings(env);
        assertEquals(Map.of(
                "PATH", "/usr/bin",
                "MALLOC_ARENA_MAX", "4",
                "THP_MEM_ALLOC_ENABLE", "1",
                "MALLOC_MMAP_MAX_", "0",
                "MALLOC_TRIM_THRESHOLD_", Long.toString(512L << 20)), env);
    }
}
