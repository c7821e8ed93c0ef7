package dev.weft.engine.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of one {@link GoldenSuite#run} and the guard every suite puts around its cases, so
 * that a suite never throws: a case that throws becomes an error result under the case's name,
 * and a failure outside any case (an unreadable manifest, missing weights) one error result under
 * the suite's folder, after the results of the cases that ran. The error detail is the exception's
 * simple class name and message; with the system property {@code weft.golden.trace} set, its stack
 * trace is printed too.
 */
public final class SuiteRun {
    /** One case's evaluation. */
    @FunctionalInterface
    public interface Case {
        GoldenResult evaluate() throws Exception;
    }

    /** A suite's body: reads what its cases share and evaluates each through {@link #evaluate}. */
    @FunctionalInterface
    public interface Body {
        void run(SuiteRun run) throws Exception;
    }

    private final List<GoldenResult> results = new ArrayList<>();

    private SuiteRun() {
    }

    /** Runs {@code body} and returns every result it produced (never throws). */
    public static List<GoldenResult> collect(String folder, Body body) {
        SuiteRun run = new SuiteRun();
        try {
            body.run(run);
        } catch (Exception | Error e) {
            run.add(error(folder, e));
        }
        return run.results;
    }

    /** Evaluates one case; if it throws, the case is an error result named {@code name}. */
    public void evaluate(String name, Case body) {
        GoldenResult r;
        try {
            r = body.evaluate();
        } catch (Exception | Error e) {
            r = error(name, e);
        }
        add(r);
    }

    /** Adds a result computed without the guard (or a failure the suite detected itself). */
    public void add(GoldenResult result) {
        results.add(result);
    }

    private static GoldenResult error(String name, Throwable e) {
        if (Boolean.getBoolean("weft.golden.trace")) {
            e.printStackTrace();
        }
        return GoldenResult.error(name, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
