package dev.weft.ui.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Copies an image into the input folder for a LoadImage node, naming it as ComfyUI's upload does:
 * the original name, or {@code name (1).ext}, {@code name (2).ext}, ... when a different file
 * already has it; an identical file is reused.
 */
public final class ImageImport {
    private ImageImport() {
    }

    /** @return the file name in the input folder (what LoadImage's combo names) */
    public static String copyIntoInput(Path image, Path inputFolder) throws IOException {
        Files.createDirectories(inputFolder);
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot);
        byte[] bytes = Files.readAllBytes(image);
        for (int i = 0; ; i++) {
            String candidate = i == 0 ? name : base + " (" + i + ")" + ext;
            Path target = inputFolder.resolve(candidate);
            if (!Files.exists(target)) {
                Path tmp = Files.createTempFile(inputFolder, ".import", ext);
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return candidate;
            }
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return candidate;
            }
        }
    }
}
