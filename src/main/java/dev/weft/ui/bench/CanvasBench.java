package dev.weft.ui.bench;

import dev.weft.graph.Bounds;
import dev.weft.graph.Graph;
import dev.weft.graph.Point;
import dev.weft.nodes.ModelFolders;
import dev.weft.ui.EditorLauncher;
import dev.weft.ui.EditorWindow;
import dev.weft.ui.LaunchOptions;
import dev.weft.ui.model.SpecCatalog;
import dev.weft.ui.render.GraphRenderer;
import dev.weft.workflow.UiWorkflowWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * Canvas benchmark (a program, not a test): opens a generated workflow of 500 nodes in the real
 * editor window (load time: reading the file to the first frame on screen), then moves the camera
 * along a fixed path (pans at working zoom, a zoom out to the whole graph, zooms in around a point)
 * and times every frame: the renderer drawing it on a canvas of the editor canvas's size, and the
 * rasteriser turning that into pixels (a synchronous snapshot, so the clock stops only when the
 * frame is finished). The window is hidden while frames are timed, so each frame is rasterised
 * once, as on screen, rather than once for the window and once for the snapshot. Prints the load
 * time and the median, 99th percentile and worst frame.
 *
 * <p>Arguments: {@code [nodes=500] [frames=360] [width=1600] [height=1000]}.
 */
public final class CanvasBench {
    private CanvasBench() {
    }

    public static void main(String[] args) {
        run(args, System.out);
        Platform.exit();
    }

    public static void run(String[] args, PrintStream out) {
        int nodes = arg(args, 0, 500);
        int frames = arg(args, 1, 360);
        int width = arg(args, 2, 1600);
        int height = arg(args, 3, 1000);
        Path work;
        try {
            work = Files.createTempDirectory("weft-canvas-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelFolders folders = new ModelFolders(work.resolve("models"), work.resolve("input"));
        Graph g = SyntheticWorkflow.generate(nodes, SpecCatalog.load(Optional.empty(), folders));
        Path file = work.resolve("bench-" + g.nodeCount() + ".json");
        try {
            Files.writeString(file, UiWorkflowWriter.toText(g));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startFx();
        LaunchOptions options = LaunchOptions.defaults().withSettingsFolder(work.resolve("settings"))
                .withModelsFolder(folders.modelsRoot());
        EditorWindow w = fx(() -> {
            Stage stage = new Stage();
            EditorWindow win = EditorLauncher.open(stage, Optional.empty(), options);
            stage.setWidth(width);
            stage.setHeight(height);
            return win;
        });
        pause();
        WritableImage target = fx(() -> new WritableImage((int) w.canvas().getWidth(), (int) w.canvas().getHeight()));

        long loadNanos = fx(() -> {
            long t0 = System.nanoTime();
            w.documents().openWithoutAsking(file);
            w.canvas().applyCss();
            w.canvas().layout();
            frame(w, target);
            return System.nanoTime() - t0;
        });
        Bounds all = fx(() -> w.model().geometry().extent().orElseThrow());
        double vw = fx(() -> w.canvas().getWidth());
        double vh = fx(() -> w.canvas().getHeight());

        List<double[]> path = cameraPath(all, vw, vh, frames);
        Canvas probe = fx(() -> {
            w.stage().hide();
            return new Canvas(vw, vh);
        });
        WritableImage pixels = new WritableImage((int) vw, (int) vh);
        double[] total = new double[path.size()];
        double[] cpu = new double[path.size()];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxThread = fx(() -> Thread.currentThread().getId());
        double[] draw = new double[path.size()];
        int[] drawn = new int[path.size()];
        int low = 0;
        for (int warm = 0; warm < 120; warm++) {
            double[] cam = path.get(warm % path.size());
            fx(() -> {
                w.model().viewport().set(cam[0], cam[1], cam[2]);
                return frame(w, probe, pixels);
            });
        }
        for (int i = 0; i < path.size(); i++) {
            double[] cam = path.get(i);
            long renderThread = renderThreadId();
            long cpu0 = threads.getThreadCpuTime(fxThread) + threads.getThreadCpuTime(renderThread);
            long[] t = fx(() -> {
                w.model().viewport().set(cam[0], cam[1], cam[2]);
                long a = System.nanoTime();
                draw(w, probe);
                long b = System.nanoTime();
                probe.snapshot(new SnapshotParameters(), pixels);
                long c = System.nanoTime();
                GraphRenderer.Stats s = w.canvas().renderer().lastStats();
                return new long[] {b - a, c - a, s.nodesDrawn(), s.lowDetail() ? 1 : 0};
            });
            cpu[i] = (threads.getThreadCpuTime(fxThread) + threads.getThreadCpuTime(renderThread) - cpu0) / 1e6;
            draw[i] = t[0] / 1e6;
            total[i] = t[1] / 1e6;
            drawn[i] = (int) t[2];
            low += (int) t[3];
        }
        double avgDrawn = Arrays.stream(drawn).average().orElse(0);
        fx(() -> {
            w.stage().close();
            return null;
        });
        out.printf("Weft canvas benchmark: %d nodes, %d links, %d groups, canvas %.0f x %.0f px, prism %s%n",
                g.nodeCount(), g.links().size(), g.groups().size(), vw, vh,
                System.getProperty("prism.order", "default"));
        out.printf("load (parse, build, lay out, first frame): %.1f ms%n", loadNanos / 1e6);
        out.printf("frames: %d (%d zoomed out with shapes only), %.0f nodes drawn per frame on average%n",
                path.size(), low, avgDrawn);
        out.printf("frame time (draw + rasterise): median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                percentile(total, 50), percentile(total, 99), percentile(total, 100));
        out.printf("draw calls only (FX thread):    median %.2f ms, p99 %.2f ms%n",
                percentile(draw, 50), percentile(draw, 99));
        out.printf("CPU time per frame (FX + render thread, unaffected by other load): median %.2f ms, p99 %.2f ms%n",
                percentile(cpu, 50), percentile(cpu, 99));
        int third = Math.max(1, frames / 3);
        String[] phases = {"pan at zoom 1", "zoom out to all", "zoom in to 2x"};
        for (int p = 0; p < 3; p++) {
            double[] part = Arrays.copyOfRange(total, p * third, p == 2 ? total.length : (p + 1) * third);
            double[] partCpu = Arrays.copyOfRange(cpu, p * third, p == 2 ? cpu.length : (p + 1) * third);
            out.printf("  %-16s median %.2f ms, p99 %.2f ms (CPU median %.2f ms)%n", phases[p] + ":",
                    percentile(part, 50), percentile(part, 99), percentile(partCpu, 50));
        }
    }

    /** Camera states {offsetX, offsetY, scale}: pans at zoom 1, a zoom out, zooms in around a point. */
    static List<double[]> cameraPath(Bounds all, double vw, double vh, int frames) {
        List<double[]> out = new ArrayList<>();
        int third = Math.max(1, frames / 3);
        // 1. pan diagonally across the graph at zoom 1
        for (int i = 0; i < third; i++) {
            double f = (double) i / third;
            double cx = all.x() + f * all.width();
            double cy = all.y() + f * all.height();
            out.add(new double[] {vw / 2 - cx, vh / 2 - cy, 1.0});
        }
        // 2. zoom out from 1 to the whole graph around its centre
        double fit = Math.min(vw / all.width(), vh / all.height());
        Point c = new Point(all.x() + all.width() / 2, all.y() + all.height() / 2);
        for (int i = 0; i < third; i++) {
            double s = Math.exp(Math.log(1.0) + (Math.log(fit) - Math.log(1.0)) * i / (third - 1.0));
            out.add(new double[] {vw / (2 * s) - c.x(), vh / (2 * s) - c.y(), s});
        }
        // 3. zoom back in to 2x around a point a quarter into the graph
        Point q = new Point(all.x() + all.width() / 4, all.y() + all.height() / 4);
        for (int i = 0; i < frames - 2 * third; i++) {
            double s = Math.exp(Math.log(fit) + (Math.log(2.0) - Math.log(fit)) * i / Math.max(1, frames - 2 * third - 1.0));
            out.add(new double[] {vw / (2 * s) - q.x(), vh / (2 * s) - q.y(), s});
        }
        return out;
    }

    private static boolean frame(EditorWindow w, WritableImage target) {
        w.canvas().renderNow();
        w.canvas().canvas().snapshot(new SnapshotParameters(), target);
        return true;
    }

    private static boolean frame(EditorWindow w, Canvas probe, WritableImage pixels) {
        draw(w, probe);
        probe.snapshot(new SnapshotParameters(), pixels);
        return true;
    }

    /** What the canvas view draws each frame, on the benchmark's canvas. */
    private static void draw(EditorWindow w, Canvas probe) {
        w.canvas().renderer().render(probe.getGraphicsContext2D(), probe.getWidth(), probe.getHeight(), w.model(),
                w.canvas().palette(), w.canvas().controller().overlay(), w.canvas().minimapVisible());
    }

    /** The JavaFX render thread, which rasterises canvases. */
    private static long renderThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no JavaFX render thread");
    }

    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static void startFx() {
        Platform.setImplicitExit(false);
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            up.complete(null);
        }
        up.join();
    }

    /** Lets the window settle (layout, first pulses). */
    private static void pause() {
        for (int i = 0; i < 10; i++) {
            fx(() -> null);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T fx(Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark step failed", e);
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
