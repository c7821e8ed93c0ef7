package dev.weft.engine.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.image.ImageTensors;
import dev.weft.engine.sampling.LatentFormat;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import dev.weft.engine.tensor.WeightMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code vae_tiny} golden cases (README section 8): for every sub-folder holding
 * {@code weights.safetensors} and {@code io.safetensors}, the VAE is built from the weights' shapes
 * and checked for the LATENT from model space, decoded pixels, the SaveImage bytes, LoadImage's
 * float pixels, the encoded latent, its model-space scaling and the round trip. Sizes come from the
 * tensors; the latent format from the manifest. Float tensors use {@link Tolerance#MODELS}; the
 * uint8 image uses the README's rule (each byte at most one level off, on at most 0.5% of pixels).
 */
public final class VaeGoldenSuite implements GoldenSuite {
    /** Largest share of pixels whose bytes may differ by one level. */
    static final double UINT8_PIXEL_SHARE = 0.005;

    @Override
    public String folder() {
        return "vae_tiny";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        List<GoldenResult> results = new ArrayList<>();
        LatentFormat format;
        List<Path> configs;
        try {
            format = latentFormat(caseDir.resolve("manifest.json"));
            try (Stream<Path> dirs = Files.list(caseDir)) {
                configs = dirs.filter(d -> Files.isRegularFile(d.resolve("weights.safetensors"))
                        && Files.isRegularFile(d.resolve("io.safetensors"))).sorted().toList();
            }
        } catch (IOException | RuntimeException e) {
            results.add(GoldenResult.error(folder(), "cannot read the case folder: " + e));
            return results;
        }
        if (configs.isEmpty()) {
            results.add(GoldenResult.error(folder(), "no <config>/weights.safetensors + io.safetensors in " + caseDir));
        }
        for (Path dir : configs) {
            String name = folder() + "/" + dir.getFileName();
            try {
                runConfig(name, dir, format, results);
            } catch (Exception e) {
                results.add(GoldenResult.error(name, e.toString()));
            }
        }
        return results;
    }

    private static void runConfig(String name, Path dir, LatentFormat format, List<GoldenResult> results)
            throws IOException {
        TensorRuntime.ensureInit();
        try (NDManager m = NDManager.newBaseManager();
             SafetensorsFile wf = SafetensorsFile.open(dir.resolve("weights.safetensors"));
             SafetensorsFile io = SafetensorsFile.open(dir.resolve("io.safetensors"));
             WeightMap weights = WeightMap.load(wf, m)) {
            AutoencoderKL vae = AutoencoderKL.fromCheckpoint(weights);

            NDArray latent = io.load("latent", m);
            try (NDArray fromModel = format.processOut(io.load("x0_model_space", m))) {
                results.add(compare(name + "/latent_from_model_space", fromModel, io, "latent"));
            }

            NDArray decoded = vae.decode(latent);
            results.add(compare(name + "/decoded_pixels", decoded, io, "decoded_pixels"));
            results.add(compareUint8(name + "/decoded_uint8", ImageTensors.toUint8(decoded.toFloatArray()),
                    io, "decoded_uint8"));

            NDArray input = loadImageBytes(io, m);
            results.add(compare(name + "/input_pixels", input, io, "input_pixels"));
            NDArray encoded = vae.encode(io.load("input_pixels", m));
            results.add(compare(name + "/encoded_latent", encoded, io, "encoded_latent"));
            try (NDArray model = format.processIn(encoded)) {
                results.add(compare(name + "/encoded_model_space", model, io, "encoded_model_space"));
            }
            try (NDArray roundTrip = vae.decode(encoded)) {
                results.add(compare(name + "/roundtrip_pixels", roundTrip, io, "roundtrip_pixels"));
            }
        }
    }

    /** LoadImage's conversion of the stored HWC bytes: [1, H, W, C] floats. */
    private static NDArray loadImageBytes(SafetensorsFile io, NDManager m) throws IOException {
        long[] shape = io.info("input_uint8").shape();
        byte[] bytes = io.raw("input_uint8").array();
        return m.create(ImageTensors.fromUint8(bytes), new Shape(1, shape[0], shape[1], shape[2]));
    }

    private static GoldenResult compare(String name, NDArray got, SafetensorsFile io, String ref) throws IOException {
        long[] refShape = io.info(ref).shape();
        if (!java.util.Arrays.equals(got.getShape().getShape(), refShape)) {
            return GoldenResult.error(name, "shape " + got.getShape() + " != reference " + new Shape(refShape));
        }
        return GoldenResult.of(name, Tolerance.MODELS.compare(got.toFloatArray(), io.readFloats(ref)));
    }

    /** The README's uint8 rule: no byte more than one level off, and such bytes on ≤ 0.5% of pixels. */
    static GoldenResult compareUint8(String name, byte[] got, SafetensorsFile io, String ref) throws IOException {
        long[] shape = io.info(ref).shape();
        byte[] want = io.raw(ref).array();
        if (got.length != want.length) {
            return GoldenResult.error(name, got.length + " bytes != reference " + want.length);
        }
        int channels = (int) shape[shape.length - 1];
        int worst = 0;
        int pixelsOff = 0;
        for (int p = 0; p < want.length / channels; p++) {
            boolean off = false;
            for (int c = 0; c < channels; c++) {
                int d = Math.abs((got[p * channels + c] & 0xff) - (want[p * channels + c] & 0xff));
                worst = Math.max(worst, d);
                off |= d != 0;
            }
            pixelsOff += off ? 1 : 0;
        }
        int pixels = want.length / channels;
        boolean ok = worst <= 1 && pixelsOff <= UINT8_PIXEL_SHARE * pixels;
        String detail = ok ? "" : "max level difference " + worst + ", " + pixelsOff + " of " + pixels
                + " pixels differ (allowed: 1 level on " + (int) (UINT8_PIXEL_SHARE * pixels) + ")";
        return new GoldenResult(name, ok, worst, pixelsOff / (double) pixels, detail);
    }

    private static LatentFormat latentFormat(Path manifest) throws IOException {
        if (!Files.exists(manifest)) {
            return LatentFormat.SD15;
        }
        JsonObject root = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
        if (!root.has("latent_format")) {
            return LatentFormat.SD15;
        }
        String cls = root.getAsJsonObject("latent_format").get("class").getAsString();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return LatentFormat.valueOf(simple);
    }
}
