package dev.weft.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where Weft finds the files that node widgets name: a ComfyUI-style models folder (see
 * {@link ModelFolder}) and an input folder for LoadImage.
 *
 * <p>Lists match ComfyUI's for the same folders: model folders are searched recursively
 * (following links, skipping {@code .git}), files in sub-folders are named by their relative path
 * with '/' separators, only the folder's extensions are kept (case-insensitively), and the names
 * are sorted as Python sorts them ({@link ComfyFileNames#ORDER}). The input folder is listed
 * without sub-folders and keeps image files only. Nothing is cached: every call reads the disk.
 *
 * @param modelsRoot the models folder (holding {@code checkpoints/}, {@code loras/}, ...); it need
 *                   not exist, an absent folder lists as empty
 * @param inputFolder LoadImage's folder
 */
public record ModelFolders(Path modelsRoot, Path inputFolder) {
    /** Environment variable naming the models folder when no explicit one is given. */
    public static final String MODELS_ENV = "WEFT_MODELS";

    private static final String FIX = "Put the file there (sub-folders are fine) or point Weft at the models folder"
            + " that holds it (--models DIR or " + MODELS_ENV + ").";

    public ModelFolders {
        modelsRoot = modelsRoot.toAbsolutePath().normalize();
        inputFolder = inputFolder.toAbsolutePath().normalize();
    }

    /**
     * Chooses the folders: the models folder is {@code explicitModels} if given, else the
     * {@value #MODELS_ENV} environment variable if set and not blank, else {@code models/} in the
     * working folder; the input folder is {@code input/} in the working folder (as ComfyUI keeps
     * {@code input/} beside {@code models/}).
     *
     * @param env the environment, e.g. {@link System#getenv()}
     */
    public static ModelFolders locate(Optional<Path> explicitModels, Map<String, String> env, Path workingFolder) {
        Path models = explicitModels.orElseGet(() -> {
            String fromEnv = env.get(MODELS_ENV);
            return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : workingFolder.resolve("models");
        });
        return new ModelFolders(workingFolder.resolve(models), workingFolder.resolve("input"));
    }

    /** {@link #locate(Optional, Map, Path)} with this process's environment and working folder. */
    public static ModelFolders locate(Optional<Path> explicitModels) {
        return locate(explicitModels, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** The same models folder with another input folder. */
    public ModelFolders withInputFolder(Path folder) {
        return new ModelFolders(modelsRoot, folder);
    }

    /** The directories of a folder kind, in look-up order. */
    public List<Path> directories(ModelFolder folder) {
        return folder.directories().stream().map(modelsRoot::resolve).toList();
    }

    /** The file names a combo for this folder offers, e.g. {@code ["sd15.safetensors", "sdxl/base.safetensors"]}. */
    public List<String> list(ModelFolder folder) {
        Set<String> names = new HashSet<>();
        for (Path directory : directories(folder)) {
            for (String name : walk(directory)) {
                if (folder.accepts(name)) {
                    names.add(name);
                }
            }
        }
        return names.stream().sorted(ComfyFileNames.ORDER).toList();
    }

    /**
     * The file a widget value names, looked up in each directory of the folder kind in order.
     * Separators may be '/' or '\'; see {@link ComfyFileNames#normalize}.
     *
     * @throws MissingFileException naming every path tried when no directory holds the file
     */
    public Path resolve(ModelFolder folder, String name) {
        String relative = normalizeOrFail(folder.key(), name);
        List<Path> tried = new ArrayList<>();
        for (Path directory : directories(folder)) {
            Path candidate = directory.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new MissingFileException(folder.key(), name, tried, FIX);
    }

    /**
     * VAELoader's choices, built as ComfyUI builds them: the {@code vae} files, then each tiny
     * VAE whose encoder and decoder are both in {@code vae_approx} (as files named
     * {@code <variant>_encoder.*} and {@code <variant>_decoder.*} at its top level), in the order
     * {@code taesd, taesdxl, taesd3, taef1}, then always {@code pixel_space}.
     */
    public List<String> vaeLoaderChoices() {
        List<String> choices = new ArrayList<>(list(ModelFolder.VAE));
        List<String> approx = list(ModelFolder.VAE_APPROX);
        for (String variant : List.of("taesd", "taesdxl", "taesd3", "taef1")) {
            boolean encoder = approx.stream().anyMatch(n -> n.startsWith(variant + "_encoder."));
            boolean decoder = approx.stream().anyMatch(n -> n.startsWith(variant + "_decoder."));
            if (encoder && decoder) {
                choices.add(variant);
            }
        }
        choices.add("pixel_space");
        return List.copyOf(choices);
    }

    /** LoadImage's choices: image files directly in the input folder (not in sub-folders), sorted. */
    public List<String> inputImages() {
        if (!Files.isDirectory(inputFolder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(inputFolder)) {
            return entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(ComfyFileNames::isImage)
                    .sorted(ComfyFileNames.ORDER)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the input folder " + inputFolder, e);
        }
    }

    /**
     * The image a LoadImage value names, relative to the input folder (sub-folders allowed, as
     * uploads into a sub-folder produce {@code "clipspace/mask.png"}). ComfyUI's {@code " [input]"}
     * suffix is accepted; {@code " [output]"} and {@code " [temp]"} are not supported.
     *
     * @throws MissingFileException when the file is not there
     * @throws IllegalArgumentException for an {@code [output]} or {@code [temp]} name or an empty one
     */
    public Path resolveInput(String name) {
        String plain = name;
        if (plain.endsWith(" [input]")) {
            plain = plain.substring(0, plain.length() - " [input]".length());
        } else if (plain.endsWith("[output]") || plain.endsWith("[temp]")) {
            throw new IllegalArgumentException("'" + name + "' points into ComfyUI's output or temp folder, which"
                    + " Weft does not read; copy the image into " + inputFolder + " and choose it from the list");
        }
        Path candidate = inputFolder.resolve(normalizeOrFail("input", plain));
        if (Files.isRegularFile(candidate)) {
            return candidate;
        }
        throw new MissingFileException("input", name, List.of(candidate),
                "Copy the image into the input folder or choose one from the list.");
    }

    private static String normalizeOrFail(String folder, String name) {
        try {
            return ComfyFileNames.normalize(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Empty file name for the " + folder + " folder: " + e.getMessage(), e);
        }
    }

    /** Relative '/'-joined names of every non-directory below {@code root}, as ComfyUI's recursive_search. */
    private static List<String> walk(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            boolean git = !dir.equals(root) && ".git".equals(dir.getFileName().toString());
                            return git ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            names.add(ComfyFileNames.slashJoined(root.relativize(file)));
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // ComfyUI skips what it cannot read (and link loops) rather than fail the list.
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        return names;
    }
}
