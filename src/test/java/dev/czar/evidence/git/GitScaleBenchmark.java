package dev.czar.evidence.git;

import dev.czar.bench.GeneratedRepo;
import dev.czar.bench.PerformanceReport;
import dev.czar.config.GitConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (bench profile only): status of every branch — ahead/behind, last commit, diffstat against main — of a
 * generated repository with 50,000 commits and 100 branches, by {@link GitEvidence} and by the {@code git} CLI doing
 * the same work in the same run. Asserts both give the same figures; records the times in docs/PERFORMANCE.md.
 */
class GitScaleBenchmark {
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    /** One branch's facts, as both sides report them. */
    record Row(String branch, String head, int ahead, int behind, int files, int insertions, int deletions) {
    }

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

        // when: alternate czar and CLI rounds so machine load hits both alike
        List<Long> czarTimes = new ArrayList<>();
        List<Long> cliTimes = new ArrayList<>();
        Map<String, Row> czar = null;
        Map<String, Row> cli = null;
        long[] czarDiff = new long[1];
        long[] cliDiff = new long[1];
        for (int round = 0; round <= ROUNDS; round++) {
            if (round == 1) { // round 0 warms the JIT and the page cache
                czarDiff[0] = 0;
                cliDiff[0] = 0;
            }
            long s = System.nanoTime();
            czar = byCzar(repo, czarDiff);
            long c = System.nanoTime() - s;
            s = System.nanoTime();
            cli = byCli(repo, branches, cliDiff);
            long g = System.nanoTime() - s;
            if (round > 0) {
                czarTimes.add(c);
                cliTimes.add(g);
            }
        }

        // then: same answers
        assertThat(czar).hasSize(100);
        assertThat(czar).isEqualTo(cli);
        long czarMedian = median(czarTimes);
        long cliMedian = median(cliTimes);
        double ratio = (double) czarMedian / cliMedian;
        String body = "`GitScaleBenchmark`: a repository generated with `git fast-import` (" + shape.totalCommits() + " commits: "
                + shape.mainCommits() + " on main over " + shape.files() + " files, " + shape.branches() + " branches of "
                + shape.branchCommits() + " commits forking from main's tip back to " + shape.oldestForkBack()
                + " commits behind it; generated in " + PerformanceReport.ms(generated) + "). Work per run: for every branch,"
                + " ahead/behind against main, its last commit, and the diffstat of `git diff main..branch` (two-dot)."
                + " czar: one `GitEvidence` (`statusOfAll()` + `diffStat(b)` per branch), in process. CLI: `git for-each-ref`"
                + " once, then `git rev-list --left-right --count main...b` and `git diff --numstat -M main b` per branch"
                + " (201 processes). Both results are asserted equal. Median of " + ROUNDS + " rounds after one warm-up round.\n\n"
                + "| work | czar (GitEvidence) | git CLI | czar / CLI | target |\n|---|---|---|---|---|\n"
                + "| status of 100 branches (ahead/behind, last commit, diffstat) | " + PerformanceReport.ms(czarMedian) + " | "
                + PerformanceReport.ms(cliMedian) + " | " + String.format("%.2f", ratio) + " | czar no slower than the CLI (<= 1.00): "
                + (ratio <= 1.0 ? "met" : "NOT met") + " |\n\n"
                + "Of which diffstats (mean per round): czar " + PerformanceReport.ms(czarDiff[0] / ROUNDS) + ", CLI "
                + PerformanceReport.ms(cliDiff[0] / ROUNDS) + "; the rest is ahead/behind and last commit.\n\n"
                + "All rounds, ms: czar " + millis(czarTimes) + "; CLI " + millis(cliTimes) + ".\n";
        PerformanceReport.write("git-scale", "Git evidence at scale (50,000 commits, 100 branches)", loadBefore, body);
        System.out.println(body);
    }

    private static Map<String, Row> byCzar(Path repo, long[] diffNanos) {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (GitEvidence git = GitEvidence.open(repo, new GitConfig("main", null))) {
            for (BranchStatus s : git.statusOfAll()) {
                long t = System.nanoTime();
                DiffStat d = git.diffStat(s.branch().name());
                diffNanos[0] += System.nanoTime() - t;
                rows.put(s.branch().name(), new Row(s.branch().name(), s.branch().head().sha(), s.ahead(), s.behind(),
                        d.files().size(), d.insertions(), d.deletions()));
            }
        }
        return rows;
    }

    private static Map<String, Row> byCli(Path repo, List<String> branches, long[] diffNanos) throws Exception {
        Map<String, String> heads = new LinkedHashMap<>();
        for (String line : GeneratedRepo.git(repo, "for-each-ref", "refs/heads",
                "--format=%(refname:short) %(objectname) %(committerdate:unix) %(authorname) %(subject)").split("\n")) {
            String[] parts = line.split(" ", 3);
            heads.put(parts[0], parts[1]);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String b : branches) {
            String[] counts = GeneratedRepo.git(repo, "rev-list", "--left-right", "--count", "main..." + b).trim().split("\\s+");
            int files = 0;
            int ins = 0;
            int del = 0;
            long t = System.nanoTime();
            String numstat = GeneratedRepo.git(repo, "diff", "--numstat", "-M", "main", b);
            diffNanos[0] += System.nanoTime() - t;
            for (String line : numstat.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                files++;
                ins += f[0].equals("-") ? 0 : Integer.parseInt(f[0]);
                del += f[1].equals("-") ? 0 : Integer.parseInt(f[1]);
            }
            rows.put(b, new Row(b, heads.get(b), Integer.parseInt(counts[1]), Integer.parseInt(counts[0]), files, ins, del));
        }
        return rows;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String millis(List<Long> values) {
        return values.stream().map(v -> Long.toString(v / 1_000_000)).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
