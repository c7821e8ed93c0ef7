package dev.weft.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFoldersTest {
    @TempDir
    Path temp;

    @Test
    void listsFilesInSubFoldersByRelativeNameWithOnlyModelExtensionsInPythonOrder() throws IOException {
        touch("models/checkpoints/v1-5.safetensors");
        touch("models/checkpoints/SDXL/base.SAFETENSORS");
        touch("models/checkpoints/sdxl/refiner.sft");
        touch("models/checkpoints/sdxl/deep/older.ckpt");
        touch("models/checkpoints/export.pt2");
        touch("models/checkpoints/a.pt");
        touch("models/checkpoints/readme.txt");
        touch("models/checkpoints/.safetensors");
        touch("models/checkpoints/config.yaml");
        touch("models/checkpoints/.git/objects/blob.pt");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));

        assertEquals(List.of("SDXL/base.SAFETENSORS", "a.pt", "export.pt2", "sdxl/deep/older.ckpt",
                "sdxl/refiner.sft", "v1-5.safetensors"), folders.list(ModelFolder.CHECKPOINTS));
    }

    @Test
    void missingFoldersListAsEmpty() {
        ModelFolders folders = new ModelFolders(temp.resolve("nothing"), temp.resolve("nothing/input"));
        for (ModelFolder folder : ModelFolder.values()) {
            assertEquals(List.of(), folders.list(folder), folder.key());
        }
        assertEquals(List.of(), folders.inputImages());
        assertEquals(List.of("pixel_space"), folders.vaeLoaderChoices());
    }

    @Test
    void controlNetListJoinsControlnetAndT2iAdapterFoldersWithoutDuplicates() throws IOException {
        touch("models/controlnet/canny.safetensors");
        touch("models/controlnet/depth.pth");
        touch("models/t2i_adapter/canny.safetensors");
        touch("models/t2i_adapter/t2iadapter_sketch.pth");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));

        assertEquals(List.of("canny.safetensors", "depth.pth", "t2iadapter_sketch.pth"),
                folders.list(ModelFolder.CONTROLNET));
        assertEquals(temp.resolve("models/controlnet/canny.safetensors"),
                folders.resolve(ModelFolder.CONTROLNET, "canny.safetensors"));
        assertEquals(temp.resolve("models/t2i_adapter/t2iadapter_sketch.pth"),
                folders.resolve(ModelFolder.CONTROLNET, "t2iadapter_sketch.pth"));
    }

    @Test
    void tokenizersFolderListsEveryFile() throws IOException {
        touch("models/tokenizers/clip/vocab.json");
        touch("models/tokenizers/clip/merges.txt");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        assertEquals(List.of("clip/merges.txt", "clip/vocab.json"), folders.list(ModelFolder.TOKENIZERS));
    }

    @Test
    void resolveFindsSubFolderFilesWrittenWithEitherSeparator() throws IOException {
        Path file = touch("models/loras/style/ink.safetensors");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        assertEquals(file, folders.resolve(ModelFolder.LORAS, "style/ink.safetensors"));
        assertEquals(file, folders.resolve(ModelFolder.LORAS, "style\\ink.safetensors"));
    }

    @Test
    void resolveOfAMissingFileListsEveryPathItTried() {
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        MissingFileException e = assertThrows(MissingFileException.class,
                () -> folders.resolve(ModelFolder.CONTROLNET, "sub\\gone.safetensors"));
        Path first = temp.resolve("models/controlnet/sub/gone.safetensors");
        Path second = temp.resolve("models/t2i_adapter/sub/gone.safetensors");
        assertEquals(List.of(first, second), e.lookedAt());
        assertEquals("File 'sub\\gone.safetensors' not found in the controlnet folder. Looked at: " + first + ", "
                + second + ". Put the file there (sub-folders are fine) or point Weft at the models folder that holds"
                + " it (--models DIR or WEFT_MODELS).", e.getMessage());
    }

    @Test
    void resolveNeverLeavesTheFolder() throws IOException {
        touch("models/secret.safetensors");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        MissingFileException e = assertThrows(MissingFileException.class,
                () -> folders.resolve(ModelFolder.CHECKPOINTS, "../secret.safetensors"));
        assertEquals(List.of(temp.resolve("models/checkpoints/secret.safetensors")), e.lookedAt());
    }

    @Test
    void rootIsTheExplicitFolderElseWeftModelsElseModelsInTheWorkingFolder() {
        Path work = temp.resolve("work");
        Map<String, String> env = Map.of(ModelFolders.MODELS_ENV, "/data/comfy/models");
        assertEquals(temp.resolve("mine"),
                ModelFolders.locate(Optional.of(temp.resolve("mine")), env, work).modelsRoot());
        assertEquals(work.resolve("rel"), ModelFolders.locate(Optional.of(Path.of("rel")), env, work).modelsRoot());
        assertEquals(Path.of("/data/comfy/models"), ModelFolders.locate(Optional.empty(), env, work).modelsRoot());
        assertEquals(work.resolve("models"), ModelFolders.locate(Optional.empty(), Map.of(), work).modelsRoot());
        assertEquals(work.resolve("models"),
                ModelFolders.locate(Optional.empty(), Map.of(ModelFolders.MODELS_ENV, " "), work).modelsRoot());
        assertEquals(work.resolve("input"), ModelFolders.locate(Optional.empty(), env, work).inputFolder());
    }

    @Test
    void vaeChoicesAddTinyVaesOnlyWhenBothHalvesExistThenPixelSpace() throws IOException {
        touch("models/vae/sdxl_vae.safetensors");
        touch("models/vae/kl-f8.pt");
        touch("models/vae_approx/taesd_encoder.pth");
        touch("models/vae_approx/taesd_decoder.pth");
        touch("models/vae_approx/taesdxl_decoder.safetensors");
        touch("models/vae_approx/taef1_encoder.safetensors");
        touch("models/vae_approx/taef1_decoder.safetensors");
        touch("models/vae_approx/sub/taesd3_encoder.pth");
        touch("models/vae_approx/taesd3_decoder.pth");
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));

        assertEquals(List.of("kl-f8.pt", "sdxl_vae.safetensors", "taesd", "taef1", "pixel_space"),
                folders.vaeLoaderChoices());
    }

    @Test
    void inputImagesAreTopLevelImageFilesSorted() throws IOException {
        touch("input/b.png");
        touch("input/A.JPG");
        touch("input/anim.webp");
        touch("input/notes.txt");
        touch("input/clipspace/mask.png");
        Files.createDirectories(temp.resolve("input/folder.png"));
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));

        assertEquals(List.of("A.JPG", "anim.webp", "b.png"), folders.inputImages());
        assertEquals(temp.resolve("input/clipspace/mask.png"), folders.resolveInput("clipspace/mask.png"));
        assertEquals(temp.resolve("input/b.png"), folders.resolveInput("b.png [input]"));
    }

    @Test
    void inputThatIsMissingOrInComfyUisOutputFolderIsAnError() {
        ModelFolders folders = new ModelFolders(temp.resolve("models"), temp.resolve("input"));
        MissingFileException missing = assertThrows(MissingFileException.class, () -> folders.resolveInput("x.png"));
        assertEquals(List.of(temp.resolve("input/x.png")), missing.lookedAt());
        assertEquals("input", missing.folder());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> folders.resolveInput("ComfyUI_00001_.png [output]"));
        assertTrue(output.getMessage().contains("output or temp folder"), output.getMessage());
    }

    private Path touch(String relative) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        return file;
    }
}
