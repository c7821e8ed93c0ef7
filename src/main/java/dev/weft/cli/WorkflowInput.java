package dev.weft.cli;

import com.google.gson.JsonObject;
import dev.weft.nodes.ModelFolders;
import dev.weft.nodes.NodeRegistry;
import dev.weft.nodes.NodeSpecFileException;
import dev.weft.workflow.ApiPrompt;
import dev.weft.workflow.PromptExporter;
import dev.weft.workflow.UiWorkflowWriter;
import dev.weft.workflow.WorkflowException;
import dev.weft.workflow.WorkflowFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The command-line side of opening things: the WORKFLOW argument, the registry and the folders,
 * each failure turned into one line and exit code 2.
 */
final class WorkflowInput {
    private WorkflowInput() {
    }

    /** The registry the context supplies; a broken spec file is bad input. */
    static NodeRegistry registry(String command, CliContext ctx) {
        try {
            return ctx.registry().get();
        } catch (NodeSpecFileException | IllegalArgumentException e) {
            throw CliException.badInput("weft " + command + ": cannot read the node specs: " + e.getMessage());
        }
    }

    /** The models folder from {@code --models}, else WEFT_MODELS, else ./models; the input folder from {@code --input}. */
    static ModelFolders folders(Args args, CliContext ctx) {
        ModelFolders f = ModelFolders.locate(args.option("models").map(ctx::resolve), ctx.env(), ctx.workingFolder());
        return args.option("input").map(i -> f.withInputFolder(ctx.resolve(i))).orElse(f);
    }

    /** Loads a UI workflow, API prompt or PNG; every way it can fail is one line, exit code 2. */
    static WorkflowFile.Loaded load(String command, String argument, CliContext ctx, NodeRegistry registry) {
        Path file = ctx.resolve(argument);
        String prefix = "weft " + command + ": ";
        if (Files.isDirectory(file)) {
            throw CliException.badInput(prefix + argument + " is a folder; give a workflow file (.json or .png)");
        }
        try {
            return WorkflowFile.load(file, registry);
        } catch (NoSuchFileException e) {
            throw CliException.badInput(prefix + argument + ": no such file");
        } catch (AccessDeniedException e) {
            throw CliException.badInput(prefix + argument + ": permission denied");
        } catch (WorkflowException e) {
            String name = file.getFileName().toString();
            String message = e.getMessage().startsWith(name) ? e.getMessage() : argument + ": " + e.getMessage();
            throw CliException.badInput(prefix + message);
        } catch (IOException e) {
            throw CliException.badInput(prefix + argument + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            // A JSON shape the reader did not expect; still one line, never a stack trace.
            throw CliException.badInput(prefix + argument + ": not a valid workflow: " + e.getMessage());
        }
    }

    /**
     * The prompt Weft runs: an API source as given, a UI workflow exported with LoraStack kept and
     * dynamic prompts resolved.
     */
    static ApiPrompt prompt(String command, WorkflowFile.Loaded loaded, NodeRegistry registry) {
        if (loaded.prompt().isPresent()) {
            return loaded.prompt().get();
        }
        return export(command, loaded, registry, PromptExporter.Options.forWeft());
    }

    static ApiPrompt export(String command, WorkflowFile.Loaded loaded, NodeRegistry registry,
                            PromptExporter.Options options) {
        try {
            return PromptExporter.export(loaded.graph(), registry, options);
        } catch (WorkflowException e) {
            throw CliException.badInput("weft " + command + ": " + e.getMessage());
        }
    }

    /** What SaveImage embeds besides the prompt: the workflow, so the image opens in an editor again. */
    static JsonObject extraPngInfo(WorkflowFile.Loaded loaded) {
        JsonObject extra = new JsonObject();
        extra.add("workflow", UiWorkflowWriter.toJson(loaded.graph()));
        return extra;
    }
}
