package dev.czar.workers;

import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The conflict matrix merges again only the pairs whose head moved, and still reports every conflict. */
class ConflictMatrixIncrementalTest {
    @TempDir
    Path tmp;

    /** {@code count} branches off main, each adding its own file; b0 and b1 change the same line of shared.txt. */
    static List<ConflictMatrix.Head> branches(TempGitRepo repo, BranchFacts facts, int count) {
        List<ConflictMatrix.Head> heads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            repo.checkout("main").branch("b" + i);
            Map<String, String> files = i < 2 ? Map.of("f" + i + ".txt", "work " + i + "\n", "shared.txt", "value = " + (i + 1) + "\n")
                    : Map.of("f" + i + ".txt", "work " + i + "\n");
            heads.add(new ConflictMatrix.Head("b" + i, repo.commit("work on b" + i, files)));
        }
        repo.checkout("main");
        return heads;
    }

    @Test
    void should_merge_again_only_the_pairs_of_the_branch_that_moved() {
        // given: 10 branches, one planted conflict
        TempGitRepo repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        String main = repo.commit("initial", Map.of("shared.txt", "value = 0\n"));
        BranchFacts facts = new BranchFacts(repo.git().getRepository());
        List<ConflictMatrix.Head> heads = branches(repo, facts, 10);
        ConflictMatrix matrix = new ConflictMatrix(facts);
        List<WorkerAlert> first = matrix.predict("main", main, heads, Instant.EPOCH);
        assertThat(matrix.lastMerges()).isEqualTo(45 + 10);

        // when: b7 moves
        repo.checkout("b7");
        heads.set(7, new ConflictMatrix.Head("b7", repo.commit("more on b7", Map.of("f7.txt", "more\n"))));
        List<WorkerAlert> second = matrix.predict("main", main, heads, Instant.EPOCH);

        // then: b7 against main and the 9 others, nothing else; the same conflict reported
        assertThat(matrix.lastMerges()).isEqualTo(10);
        assertThat(second).isEqualTo(first).singleElement()
                .satisfies(a -> assertThat(a.line()).contains("b0 <-> b1").contains("shared.txt"));

        // and nothing moved: nothing merged
        matrix.predict("main", main, heads, Instant.EPOCH);
        assertThat(matrix.lastMerges()).isZero();
    }
}
