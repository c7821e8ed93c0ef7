package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.CaseCheck;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.SuiteRun;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.sampling.LatentFormat;
import dev.weft.engine.sampling.preview.Latent2Rgb;
import dev.weft.engine.sampling.preview.PreviewImage;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Golden folder {@code latent2rgb/}: {@link Latent2Rgb} for every latent format in
 * {@code manifest.json}. The format's built-in factors and bias must equal the manifest's
 * exactly; the image follows the README's uint8 rule: no channel more than one level off, and
 * at most 0.5% of the pixels off at all. Results report the largest level difference as maxAbs
 * and the fraction of differing pixels as maxRel.
 */
public final class Latent2RgbSuite implements GoldenSuite {
    /** Largest allowed share of pixels with any channel one level off. */
    private static final double MAX_OFF_FRACTION = 0.005;

    @Override
    public String folder() {
        return "latent2rgb";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            TensorRuntime.ensureInit();
            JsonObject formats = GoldenJson.read(caseDir.resolve("manifest.json")).getAsJsonObject("formats");
            for (Map.Entry<String, JsonElement> e : formats.entrySet()) {
                String label = e.getKey();
                String name = "latent2rgb/" + label;
                run.evaluate(name, () -> runCase(caseDir, label, e.getValue().getAsJsonObject(), name));
            }
        });
    }

    private static GoldenResult runCase(Path dir, String label, JsonObject spec, String name) throws IOException {
        LatentFormat format = LatentFormat.valueOf(label);
        CaseCheck check = new CaseCheck(name);
        checkFactors(check, format, spec);
        PreviewImage image;
        byte[] ref;
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("latent2rgb.safetensors"));
             NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = f.load(label + "_x0", m);
            image = Latent2Rgb.preview(x0, format);
            ByteBuffer raw = f.raw(label + "_preview_uint8");
            ref = new byte[raw.remaining()];
            raw.get(ref);
            long[] shape = f.info(label + "_preview_uint8").shape();
            check.require("preview shape", shape[0] == image.height() && shape[1] == image.width() && shape[2] == 3,
                    "got " + image.height() + "x" + image.width() + "x3");
        }
        if (ref.length != image.rgb().length) {
            return check.require("preview size", false, ref.length + " reference bytes, " + image.rgb().length + " computed")
                    .result();
        }
        int pixels = image.width() * image.height();
        int offPixels = 0;
        int maxLevel = 0;
        for (int p = 0; p < pixels; p++) {
            boolean off = false;
            for (int c = 0; c < 3; c++) {
                int d = Math.abs((image.rgb()[p * 3 + c] & 0xFF) - (ref[p * 3 + c] & 0xFF));
                maxLevel = Math.max(maxLevel, d);
                off |= d != 0;
            }
            offPixels += off ? 1 : 0;
        }
        double fraction = (double) offPixels / pixels;
        boolean ok = maxLevel <= 1 && fraction <= MAX_OFF_FRACTION;
        check.add("preview_uint8", new Tolerance.Comparison(maxLevel, 255, ok, ok ? ""
                : "max level difference " + maxLevel + ", " + offPixels + " of " + pixels + " pixels differ"));
        GoldenResult r = check.result();
        return new GoldenResult(r.name(), r.passed(), maxLevel, fraction, r.detail());
    }

    private static void checkFactors(CaseCheck check, LatentFormat format, JsonObject spec) {
        JsonArray rows = spec.getAsJsonArray("latent_rgb_factors");
        float[][] own = format.rgbFactors();
        boolean same = rows.size() == own.length;
        for (int c = 0; same && c < own.length; c++) {
            float[] row = GoldenJson.floats(rows.get(c).getAsJsonArray());
            same = Arrays.equals(row, own[c]);
        }
        check.require("latent_rgb_factors", same, "Weft's " + format + " factors differ from the manifest's");
        boolean noBias = GoldenJson.isNull(spec, "latent_rgb_factors_bias");
        boolean biasSame = noBias ? format.rgbBias().isEmpty()
                : format.rgbBias().isPresent() && Arrays.equals(format.rgbBias().get(),
                        GoldenJson.floats(spec.getAsJsonArray("latent_rgb_factors_bias")));
        check.require("latent_rgb_factors_bias", biasSame, "Weft's " + format + " bias differs from the manifest's");
    }
}
