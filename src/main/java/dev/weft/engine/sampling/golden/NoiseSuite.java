package dev.weft.engine.sampling.golden;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.weft.engine.golden.CaseCheck;
import dev.weft.engine.golden.GoldenJson;
import dev.weft.engine.golden.GoldenResult;
import dev.weft.engine.golden.GoldenSuite;
import dev.weft.engine.golden.SuiteRun;
import dev.weft.engine.golden.Tolerance;
import dev.weft.engine.sampling.InitialNoise;
import dev.weft.engine.tensor.SafetensorsFile;
import dev.weft.engine.tensor.TensorRuntime;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Golden folder {@code noise/}: {@link InitialNoise#prepare} against ComfyUI's
 * {@code prepare_noise} for every seed, shape and batch_index in {@code manifest.json}, bit-exact
 * ({@link Tolerance#EXACT}). Cases without a stored tensor give the first 64 and last 8 values
 * (bit-exact too) and float64 sums of all values and their squares; those sums depend on the
 * order Python accumulated them in, so they are compared to 1e-12 relative, which still catches
 * a single value one ulp off.
 */
public final class NoiseSuite implements GoldenSuite {
    private static final Tolerance SUMS = new Tolerance(0, 1e-12);

    @Override
    public String folder() {
        return "noise";
    }

    @Override
    public List<GoldenResult> run(Path caseDir) {
        return SuiteRun.collect(folder(), run -> {
            TensorRuntime.ensureInit();
            JsonObject manifest = GoldenJson.read(caseDir.resolve("manifest.json"));
            for (JsonElement e : manifest.getAsJsonArray("cases")) {
                JsonObject c = e.getAsJsonObject();
                String name = "noise/" + (c.has("tensor") ? c.get("tensor").getAsString()
                        : "seed_" + c.get("seed").getAsBigInteger() + "_shape_" + c.get("shape"));
                run.evaluate(name, () -> runCase(caseDir, c, name));
            }
        });
    }

    private static GoldenResult runCase(Path dir, JsonObject c, String name) throws IOException {
        long seed = c.get("seed").getAsBigInteger().longValue();
        long[] shape = Arrays.stream(GoldenJson.ints(c.getAsJsonArray("shape"))).asLongStream().toArray();
        int[] inds = GoldenJson.isNull(c, "noise_inds") ? null : GoldenJson.ints(c.getAsJsonArray("noise_inds"));
        float[] got;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = InitialNoise.prepare(m, new Shape(shape), seed, inds);
            got = noise.toFloatArray();
        }
        CaseCheck check = new CaseCheck(name);
        if (c.has("tensor")) {
            try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("noise.safetensors"))) {
                check.add("noise", Tolerance.EXACT.compare(got, f.readFloats(c.get("tensor").getAsString())));
            }
            return check.result();
        }
        float[] first = GoldenJson.floats(c.getAsJsonArray("first64"));
        float[] last = GoldenJson.floats(c.getAsJsonArray("last8"));
        check.add("first64", Tolerance.EXACT.compare(Arrays.copyOf(got, first.length), first));
        check.add("last8", Tolerance.EXACT.compare(Arrays.copyOfRange(got, got.length - last.length, got.length), last));
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumSq = BigDecimal.ZERO;
        for (float v : got) {
            BigDecimal d = new BigDecimal(v);
            sum = sum.add(d);
            sumSq = sumSq.add(d.multiply(d));
        }
        check.add("sum", SUMS.compareValue(sum.doubleValue(), c.get("sum").getAsDouble()));
        check.add("sum_sq", SUMS.compareValue(sumSq.doubleValue(), c.get("sum_sq").getAsDouble()));
        return check.result();
    }
}
