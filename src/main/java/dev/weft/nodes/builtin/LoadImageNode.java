package dev.weft.nodes.builtin;

import dev.weft.engine.image.ImageLoader;
import dev.weft.nodes.NodeContext;
import dev.weft.nodes.NodeFailure;
import dev.weft.nodes.NodeImpl;
import dev.weft.nodes.NodeInputs;
import dev.weft.nodes.NodeResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * LoadImage: IMAGE [B, H, W, 3] and MASK [B, H, W] (1 − alpha, or 64x64 zeros without alpha) from
 * the input folder. Re-runs when the file's content changes (its SHA-256, as ComfyUI's IS_CHANGED).
 */
final class LoadImageNode implements NodeImpl {
    private final EngineServices services;

    LoadImageNode(EngineServices services) {
        this.services = services;
    }

    @Override
    public NodeResult execute(NodeContext ctx, NodeInputs in) throws NodeFailure {
        Path file = NodeFiles.input(ctx, "image", in.getString("image"));
        try {
            ImageLoader.LoadedImage img = ImageLoader.load(file, services.outputManager(ctx));
            return NodeResult.of(img.image(), img.mask());
        } catch (IOException e) {
            throw new NodeFailure("image", file.getFileName() + " cannot be read as an image: " + e.getMessage(), e);
        }
    }

    @Override
    public Object fingerprint(NodeInputs in, NodeContext ctx) throws NodeFailure {
        Path file = NodeFiles.input(ctx, "image", in.getString("image"));
        try (InputStream s = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            s.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) s).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new NodeFailure("image", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
