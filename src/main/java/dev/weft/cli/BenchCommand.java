package dev.weft.cli;

import dev.weft.bench.MatmulBench;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft bench NAME [ARGS...]}: benchmark programs that print figures. Never part of the tests.
 */
final class BenchCommand {
    private BenchCommand() {
    }

    interface Bench {
        void run(String[] args, PrintStream out) throws Exception;
    }

    static Map<String, Bench> benches() {
        Map<String, Bench> m = new LinkedHashMap<>();
        m.put("matmul", MatmulBench::run);
        m.put("sampling", dev.weft.engine.sampling.SamplingBench::run);
        m.put("sd15", dev.weft.bench.Sd15Bench::run);
        m.put("unet", dev.weft.bench.UNetBench::run);
        m.put("vae", dev.weft.bench.VaeBench::run);
        m.put("lora", dev.weft.engine.lora.LoraBench::run);
        m.put("editor", dev.weft.ui.bench.CanvasBench::run);
        return m;
    }

    static int run(List<String> raw, PrintStream out, PrintStream err) {
        Map<String, Bench> benches = benches();
        if (raw.isEmpty() || !benches.containsKey(raw.get(0))) {
            throw CliException.badInput("weft bench: name one of " + String.join(", ", benches.keySet()));
        }
        try {
            benches.get(raw.get(0)).run(raw.subList(1, raw.size()).toArray(String[]::new), out);
            return 0;
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw new CliException(CliException.FAILED, "weft bench " + raw.get(0) + ": " + e);
        }
    }
}
