package dev.czar.evidence.git;

import dev.czar.bench.BenchResults;
import dev.czar.bench.GeneratedRepo;
import dev.czar.bench.Jmh;
import dev.czar.bench.PerformanceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark launcher (bench profile only): generates a repository with 50,000 commits and 100 branches, asserts that
 * czar's {@link GitEvidence} and the {@code git} CLI report the same status for every branch, then times both with JMH
 * ({@link GitStatusJmh}, one fork, single-shot: one whole status of all branches per iteration) and records the
 * figures in docs/PERFORMANCE.md and the summary row of docs/EVIDENCE.md.
 */
class GitScaleBenchmark {
    private static final int WARMUPS = 1;
    private static final int ITERATIONS = 5;

    @TempDir
    Path dir;

    @Test
    void status_of_100_branches_over_50000_commits_by_czar_and_by_git_cli() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        // given: 49,500 commits on main, 100 branches of 5 commits forking from the tip back to 40,000 commits behind it
        GeneratedRepo.Shape shape = new GeneratedRepo.Shape(49_500, 2_000, 100, 5, 40_000);
        Path repo = dir.resolve("big");
        long t0 = System.nanoTime();
        List<String> branches = GeneratedRepo.generate(repo, shape);
        long generated = System.nanoTime() - t0;
        assertThat(GeneratedRepo.git(repo, "rev-list", "--all", "--count").trim()).isEqualTo(Integer.toString(shape.totalCommits()));
        Map<String, GitStatusJmh.Row> czar = GitStatusJmh.byCzar(repo);
        assertThat(czar).hasSize(100);
        assertThat(czar).isEqualTo(GitStatusJmh.byCli(repo, branches));

        // when
        Map<String, RunResult> results = Jmh.run(Jmh.options(GitStatusJmh.class).param("repo", repo.toString())
                .mode(Mode.SingleShotTime).warmupIterations(WARMUPS).measurementIterations(ITERATIONS).forks(1));

        // then
        RunResult czarResult = results.get("czar");
        RunResult cliResult = results.get("gitCli");
        double ratio = czarResult.getPrimaryResult().getScore() / cliResult.getPrimaryResult().getScore();
        String body = "`GitScaleBenchmark` (JMH `GitStatusJmh`, 1 fork, single-shot, " + WARMUPS + " warm-up + " + ITERATIONS
                + " measured iterations; score ± 99.9% confidence half-width): a repository generated with `git fast-import` ("
                + shape.totalCommits() + " commits: " + shape.mainCommits() + " on main over " + shape.files() + " files, "
                + shape.branches() + " branches of " + shape.branchCommits() + " commits forking from main's tip back to "
                + shape.oldestForkBack() + " commits behind it; generated in " + PerformanceReport.ms(generated) + "). Work per"
                + " operation: for every branch, ahead/behind against main, its last commit, and the diffstat of"
                + " `git diff main..branch` (two-dot). czar: one `GitEvidence` (`statusOfAll()` + `diffStat(b)` per branch), in"
                + " process. CLI: `git for-each-ref` once, then `git rev-list --left-right --count main...b` and"
                + " `git diff --numstat -M main b` per branch (201 processes). Both results are asserted equal before timing.\n\n"
                + "| work | czar (GitEvidence) | git CLI | czar / CLI | target |\n|---|---|---|---|---|\n"
                + "| status of 100 branches (ahead/behind, last commit, diffstat) | " + Jmh.score(czarResult) + " | "
                + Jmh.score(cliResult) + " | " + String.format("%.2f", ratio) + " | czar no slower than the CLI (<= 1.00): "
                + (ratio <= 1.0 ? "met" : "NOT met") + " |\n\n"
                + "Measured iterations, ms: czar " + Jmh.rounded(Jmh.iterations(czarResult)) + "; CLI "
                + Jmh.rounded(Jmh.iterations(cliResult)) + ".\n";
        PerformanceReport.write("git-scale", "Git evidence at scale (50,000 commits, 100 branches)", loadBefore, body);
        BenchResults.record("10-git-scale", "git evidence at scale: 100 branches, 50,000 commits, ahead/behind + last commit + diffstat",
                "`GitScaleBenchmark` (JMH; results asserted equal to the CLI's)", "czar no slower than `git` CLI",
                "czar " + Jmh.score(czarResult) + " (runs: " + Jmh.rounded(Jmh.iterations(czarResult)) + " ms), CLI "
                        + Jmh.score(cliResult) + " (runs: " + Jmh.rounded(Jmh.iterations(cliResult)) + " ms): ratio "
                        + String.format("%.2f", ratio),
                ratio <= 1.0);
        System.out.println(body);
    }
}
