package dev.weft.nodes;

import static dev.weft.nodes.SpecJson.input;
import static dev.weft.nodes.SpecJson.spec;
import static dev.weft.nodes.SpecJson.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChoicesTest {
    @TempDir
    Path temp;

    @Test
    void fillPutsFolderListingsIntoCombosOfACopyAndLeavesTheSpecAlone() throws IOException {
        touch("models/checkpoints/sd15.safetensors");
        touch("models/checkpoints/sdxl/base.safetensors");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        JsonObject original = spec("CheckpointLoaderSimple");
        String before = text(original);

        JsonObject filled = FileChoices.fill(original, folders);

        assertEquals("[\"sd15.safetensors\",\"sdxl/base.safetensors\"]", text(input(filled, "ckpt_name").get(0)));
        assertEquals("checkpoints", input(filled, "ckpt_name").get(1).getAsJsonObject().get("weft_files").getAsString());
        assertEquals(before, text(original));
    }

    @Test
    void vaeLoaderGetsComfyUisExtraChoicesAndLoadImageGetsTheInputImages() throws IOException {
        touch("models/vae/ft-mse.safetensors");
        touch("input/dog.png");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        assertEquals("[\"ft-mse.safetensors\",\"pixel_space\"]",
                text(input(FileChoices.fill(spec("VAELoader"), folders), "vae_name").get(0)));
        JsonObject loadImage = FileChoices.fill(spec("LoadImage"), folders);
        assertEquals("[\"dog.png\"]", text(input(loadImage, "image").get(0)));
        assertTrue(input(loadImage, "image").get(1).getAsJsonObject().get("image_upload").getAsBoolean());
    }

    @Test
    void loraStackGetsTheLoraNamesAsOptionsBecauseItIsNotACombo() {
        JsonObject filled = FileChoices.fill(spec("LoraStack"), list -> List.of(list.key() + "-a", list.key() + "-b"));
        JsonObject options = input(filled, "loras").get(1).getAsJsonObject();
        assertEquals("LORA_STACK", input(filled, "loras").get(0).getAsString());
        assertEquals("[\"loras-a\",\"loras-b\"]", text(options.get("options")));
        assertEquals("[]", text(options.get("default")));
    }

    @Test
    void specsWithoutFileListsComeBackEqualWithTheSeedMaximumIntact() {
        JsonObject k = spec("KSampler");
        JsonObject filled = FileChoices.fill(k, list -> {
            throw new AssertionError("KSampler lists no files");
        });
        assertEquals(text(k), text(filled));
        assertTrue(text(filled).contains("\"max\":18446744073709551615"));
    }

    @Test
    void fillAllAsksForEachFileListOnceAndFillsEverySpec() {
        List<FileList> asked = new ArrayList<>();
        SortedMap<String, JsonObject> all = FileChoices.fillAll(SpecJson.specs(), list -> {
            asked.add(list);
            return List.of(list.key() + ".file");
        });
        assertEquals(SpecJson.specs().keySet(), all.keySet());
        assertEquals(List.of(FileList.values()), asked.stream().sorted().toList());
        assertEquals("[\"loras.file\"]", text(input(all.get("LoraLoaderModelOnly"), "lora_name").get(0)));
        assertEquals("[\"vae.file\"]", text(input(all.get("VAELoader"), "vae_name").get(0)));
    }

    @Test
    void unknownFileListIsAnErrorNamingNodeAndInput() {
        JsonObject bad = spec("LoraLoader").deepCopy();
        input(bad, "lora_name").get(1).getAsJsonObject().addProperty("weft_files", "lora");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileChoices.fill(bad, list -> List.of()));
        assertEquals("Node spec LoraLoader, input 'lora_name': weft_files 'lora' is not a known file list;"
                + " use one of checkpoints, vae, loras, controlnet, input", e.getMessage());
    }

    private void touch(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
    }
}
