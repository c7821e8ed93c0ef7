package dev.weft.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComfyFileNamesTest {
    @Test
    void extensionFollowsPythonSplitextAndIsLowerCased() {
        assertEquals(".safetensors", ComfyFileNames.extension("sdxl/Model.SafeTensors"));
        assertEquals(".pt2", ComfyFileNames.extension("a.b.pt2"));
        assertEquals("", ComfyFileNames.extension(".safetensors"));
        assertEquals("", ComfyFileNames.extension("sub.dir/README"));
        assertEquals("", ComfyFileNames.extension("..pt"));
        assertEquals(".", ComfyFileNames.extension("a."));
        assertEquals(".pt", ComfyFileNames.extension("..a.pt"));
    }

    @Test
    void orderIsPythonsCodePointOrder() {
        List<String> names = new ArrayList<>(List.of("b.pt", "a/b.pt", "B.pt", "a.pt", "a_b.pt", "\uD83D\uDE00.pt", "\uFF5E.pt"));
        names.sort(ComfyFileNames.ORDER);
        // '.' (2E) < '/' (2F) < capitals < '_' (5F) < small letters; U+1F600 sorts after U+FF5E by code point
        // although its first UTF-16 unit (D83D) is smaller.
        assertEquals(List.of("B.pt", "a.pt", "a/b.pt", "a_b.pt", "b.pt", "\uFF5E.pt", "\uD83D\uDE00.pt"), names);
    }

    @Test
    void normalizeAcceptsBothSeparatorsAndNeverClimbsOutOfTheFolder() {
        assertEquals("sdxl/base.safetensors", ComfyFileNames.normalize("sdxl\\base.safetensors"));
        assertEquals("sdxl/base.safetensors", ComfyFileNames.normalize("/sdxl//./base.safetensors"));
        assertEquals("base.safetensors", ComfyFileNames.normalize("../../base.safetensors"));
        assertEquals("b.pt", ComfyFileNames.normalize("a/../b.pt"));
        assertThrows(IllegalArgumentException.class, () -> ComfyFileNames.normalize(""));
        assertThrows(IllegalArgumentException.class, () -> ComfyFileNames.normalize("a/.."));
    }

    @Test
    void imagesAreRecognisedByExtensionAsLoadImageDoes() {
        assertTrue(ComfyFileNames.isImage("photo.JPG"));
        assertTrue(ComfyFileNames.isImage("anim.webp"));
        assertTrue(ComfyFileNames.isImage("scan.tiff"));
        assertFalse(ComfyFileNames.isImage("notes.txt"));
        assertFalse(ComfyFileNames.isImage("clip.mp4"));
        assertFalse(ComfyFileNames.isImage(".png"));
    }
}
