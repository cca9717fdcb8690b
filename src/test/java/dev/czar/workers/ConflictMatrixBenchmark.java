package dev.czar.workers;

import dev.czar.bench.BenchResults;
import dev.czar.bench.GeneratedRepo;
import dev.czar.bench.Jmh;
import dev.czar.bench.PerformanceReport;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark launcher (bench profile only): the workers' {@link ConflictMatrix} over 20 active branches, every pair
 * plus each against main (210 in-core merges), on a generated 5,100-commit repository. Asserts exactly the 30 planted
 * conflicts are found, then times it with JMH ({@link ConflictMatrixJmh}): warm (average time in one fork after
 * warm-up) and cold (single shot, the first run in each of several fresh JVMs). Target: under 2 s.
 */
class ConflictMatrixBenchmark {
    private static final int COLD_FORKS = 3;
    private static final long TARGET_MS = 2_000;

    @TempDir
    Path dir;

    @Test
    void conflict_matrix_of_20_branches_all_pairs_plus_main() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        // given: 20 branches of 5 commits each; branches b and b+5k edit the same lines of src/shared<b%5>.txt
        GeneratedRepo.Shape shape = new GeneratedRepo.Shape(5_000, 1_000, 20, 5, 400);
        Path path = dir.resolve("repo");
        GeneratedRepo.generate(path, shape);
        assertPlantedConflicts(path);

        // when
        RunResult warm = Jmh.run(Jmh.options(ConflictMatrixJmh.class).param("repo", path.toString()).mode(Mode.AverageTime)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(2)).forks(1)).get("predict");
        RunResult cold = Jmh.run(Jmh.options(ConflictMatrixJmh.class).param("repo", path.toString()).mode(Mode.SingleShotTime)
                .warmupIterations(0).measurementIterations(1).forks(COLD_FORKS)).get("predict");

        // then
        double warmMs = warm.getPrimaryResult().getScore();
        double coldMs = cold.getPrimaryResult().getScore();
        String body = "`ConflictMatrixBenchmark` (JMH `ConflictMatrixJmh`; score ± 99.9% confidence half-width):"
                + " `ConflictMatrix.predict` (the workers feature's in-core recursive merges, no working tree touched) over 20"
                + " branches of 5 commits on a " + shape.totalCommits() + "-commit repository generated with `git fast-import`:"
                + " 190 pairs + 20 merges with main = 210 merges; 30 pairs conflict by construction and exactly those 30 are"
                + " reported (asserted before timing).\n\n"
                + "| work | cold: single shot, first run in each of " + COLD_FORKS + " fresh JVMs | warm: average time, 1 fork,"
                + " 3 x 2 s warm-up, 5 x 2 s measured | target |\n|---|---|---|---|\n"
                + "| conflict matrix, 20 branches, all pairs plus main | " + Jmh.score(cold) + " | " + Jmh.score(warm)
                + " | under 2 s: warm " + verdict(warmMs) + ", cold " + verdict(coldMs) + " |\n\n"
                + "Cold runs, ms: " + Jmh.rounded(Jmh.iterations(cold)) + "; warm iterations, ms/op: "
                + Jmh.rounded(Jmh.iterations(warm)) + ". The cold figure includes class loading and JIT compilation of"
                + " JGit's merge code and the first reads of the pack; czar runs the matrix repeatedly in one long-lived"
                + " process (the supervisor's checks), so the warm figure is the one a user waits for after the first check.\n";
        PerformanceReport.write("conflict-matrix", "Conflict matrix (20 branches, all pairs plus main)", loadBefore, body);
        String what = "conflict matrix, 20 branches, all pairs + main (210 in-core merges)";
        String how = "`ConflictMatrixBenchmark` (JMH; exactly the 30 planted conflicts found)";
        BenchResults.record("20-conflict-matrix-warm", what + ", warm", how, "< 2 s", Jmh.score(warm), warmMs < TARGET_MS);
        BenchResults.record("21-conflict-matrix-cold", what + ", cold (first run in a fresh JVM)", how, "< 2 s",
                Jmh.score(cold) + " (runs: " + Jmh.rounded(Jmh.iterations(cold)) + " ms)", coldMs < TARGET_MS);
        System.out.println(body);
    }

    /** 5 groups of 4 branches editing the same lines: 6 conflicting pairs each, 30 in all, none with main. */
    private static void assertPlantedConflicts(Path path) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(path.resolve(".git").toFile()).setMustExist(true).build()) {
            BranchFacts facts = new BranchFacts(repo);
            List<ConflictMatrix.Head> heads = ConflictMatrixJmh.heads(repo, facts);
            assertThat(heads).hasSize(20);
            List<WorkerAlert> alerts = new ConflictMatrix(facts).predict("main", facts.head("main").orElseThrow(), heads, Instant.now());
            assertThat(alerts).hasSize(30);
            assertThat(alerts).allSatisfy(a -> assertThat(a.toString()).contains("src/shared"));
            assertThat(alerts).noneSatisfy(a -> assertThat(a.a()).isEqualTo("main"));
        }
    }

    private static String verdict(double ms) {
        return ms < TARGET_MS ? "met" : "NOT met";
    }
}
