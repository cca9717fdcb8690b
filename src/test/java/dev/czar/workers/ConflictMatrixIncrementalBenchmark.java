package dev.czar.workers;

import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark launcher (bench profile): the conflict matrix among 100 active branches, the full first round (5,050
 * merges) and the update after one branch moved (100 merges). Target: the update under 1 s (issue 23, item 5).
 */
class ConflictMatrixIncrementalBenchmark {
    @TempDir
    Path tmp;

    @Test
    void update_after_one_branch_moved_among_100() throws Exception {
        TempGitRepo repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        String main = repo.commit("initial", Map.of("shared.txt", "value = 0\n"));
        BranchFacts facts = new BranchFacts(repo.git().getRepository());
        List<ConflictMatrix.Head> heads = ConflictMatrixIncrementalTest.branches(repo, facts, 100);
        ConflictMatrix matrix = new ConflictMatrix(facts);

        long t0 = System.nanoTime();
        matrix.predict("main", main, heads, Instant.EPOCH);
        long fullMs = (System.nanoTime() - t0) / 1_000_000;
        int fullMerges = matrix.lastMerges();

        repo.checkout("b42");
        heads.set(42, new ConflictMatrix.Head("b42", repo.commit("more on b42", Map.of("f42.txt", "more\n"))));
        long t1 = System.nanoTime();
        List<WorkerAlert> alerts = matrix.predict("main", main, heads, Instant.EPOCH);
        long updateMs = (System.nanoTime() - t1) / 1_000_000;

        String line = "conflict matrix, 100 active branches: first round " + fullMerges + " merges in " + fullMs
                + " ms; after one branch moved " + matrix.lastMerges() + " merges in " + updateMs + " ms; load "
                + Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.println(line);
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/conflict-matrix-incremental.txt"), line + "\n");
        assertThat(matrix.lastMerges()).isEqualTo(100);
        assertThat(alerts).hasSize(1);
        assertThat(updateMs).isLessThan(1000);
    }
}
