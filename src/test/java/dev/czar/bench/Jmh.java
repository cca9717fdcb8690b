package dev.czar.bench;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH benchmarks from a JUnit launcher of the bench profile (so {@code ./mvnw -Pbench verify} stays one command)
 * and formats their figures. The forked JMH JVM gets the launcher's class path and JVM arguments.
 */
public final class Jmh {
    private Jmh() {
    }

    /** Options for the {@code @Benchmark} methods of {@code benchmarkClass}, in milliseconds, failing on any error. */
    public static ChainedOptionsBuilder options(Class<?> benchmarkClass) {
        return new OptionsBuilder()
                .include("^" + benchmarkClass.getName().replace(".", "\\.") + "\\.")
                .timeUnit(TimeUnit.MILLISECONDS)
                // surefire hands its system properties to the test JVM in a file, not as -D flags, so the fork would
                // otherwise read the developer's own ~/.gitconfig through JGit
                .jvmArgsAppend("-Duser.home=" + System.getProperty("user.home"), "-Duser.timezone=UTC")
                .shouldFailOnError(true);
    }

    /** Runs the benchmarks and returns their results by method name. */
    public static Map<String, RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, RunResult> byMethod = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            byMethod.put(name.substring(name.lastIndexOf('.') + 1), r);
        }
        return byMethod;
    }

    /** JMH's score with its 99.9% confidence half-width, e.g. {@code 648.3 ± 45.1 ms/op}. */
    public static String score(RunResult result) {
        Result<?> r = result.getPrimaryResult();
        String error = Double.isNaN(r.getScoreError()) ? "" : String.format(" ± %.1f", r.getScoreError());
        return String.format("%.1f%s %s", r.getScore(), error, r.getScoreUnit());
    }

    /** The score of every measured iteration (of every fork), in order. */
    public static List<Double> iterations(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : result.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        return scores;
    }

    /** Iteration scores rounded to whole units, comma separated. */
    public static String rounded(List<Double> scores) {
        return String.join(", ", scores.stream().map(s -> String.format("%.0f", s)).toList());
    }
}
