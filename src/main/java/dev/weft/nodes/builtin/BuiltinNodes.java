package dev.weft.nodes.builtin;

import dev.weft.nodes.NodeRegistry;

/**
 * Binds Weft's engine-backed node implementations to their specs. Types not bound here stay
 * "not implemented yet".
 */
public final class BuiltinNodes {
    private BuiltinNodes() {
    }

    /** {@code registry} with every built-in implementation bound, sharing {@code services}. */
    public static NodeRegistry bind(NodeRegistry registry, EngineServices services) {
        return registry
                .bind("CheckpointLoaderSimple", new CheckpointLoaderSimpleNode(services))
                .bind("CLIPTextEncode", new ClipTextEncodeNode(services))
                .bind("CLIPSetLastLayer", new ClipSetLastLayerNode())
                .bind("EmptyLatentImage", new EmptyLatentImageNode(services))
                .bind("KSampler", new KSamplerNode(services))
                .bind("KSamplerAdvanced", new KSamplerAdvancedNode(services))
                .bind("RescaleCFG", new RescaleCfgNode())
                .bind("VAEDecode", new VaeDecodeNode(services))
                .bind("VAEEncode", new VaeEncodeNode(services))
                .bind("VAEDecodeTiled", new VaeDecodeTiledNode(services))
                .bind("VAEEncodeTiled", new VaeEncodeTiledNode(services))
                .bind("VAELoader", new VaeLoaderNode(services))
                .bind("LoadImage", new LoadImageNode(services))
                .bind("Canny", new CannyNode(services))
                .bind("ControlNetLoader", new ControlNetLoaderNode(services))
                .bind("ControlNetApplyAdvanced", new ControlNetApplyAdvancedNode(services))
                .bind("ControlNetApply", new ControlNetApplyNode(services))
                .bind("SaveImage", new SaveImageNode())
                .bind("PreviewImage", new PreviewImageNode())
                .bind("LatentUpscale", new LatentUpscaleNode(services))
                .bind("ImageScale", new ImageScaleNode(services))
                .bind("LoraLoader", new LoraLoaderNode(services, true))
                .bind("LoraLoaderModelOnly", new LoraLoaderNode(services, false))
                .bind("LoraStack", new LoraStackNode(services));
    }
}
