package dev.czar.evidence.git;

import dev.czar.bench.GeneratedRepo;
import dev.czar.config.GitConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH benchmark (run by {@link GitScaleBenchmark}): the status of every branch of a generated repository — ahead/behind
 * against main, last commit, diffstat of {@code main..branch} — by czar's {@link GitEvidence} in process and by the
 * {@code git} CLI doing the same work. Both return the same rows, which the launcher asserts before timing.
 */
@State(Scope.Benchmark)
public class GitStatusJmh {
    /** The generated repository, made once by the launcher (generating it takes longer than the measurement). */
    @Param("")
    public String repo;

    private Path dir;
    private List<String> branches;

    /** One branch's facts, as both sides report them. */
    public record Row(String branch, String head, int ahead, int behind, int files, int insertions, int deletions) {
    }

    @Setup
    public void open() throws Exception {
        dir = Path.of(repo);
        branches = new ArrayList<>(byCliHeads(dir).keySet());
        branches.remove("main");
    }

    @Benchmark
    public Map<String, Row> czar() {
        return byCzar(dir);
    }

    @Benchmark
    public Map<String, Row> gitCli() throws Exception {
        return byCli(dir, branches);
    }

    /** czar's answer: one {@link GitEvidence}, {@code statusOfAll()} plus {@code diffStat(b)} per branch. */
    public static Map<String, Row> byCzar(Path repo) {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (GitEvidence git = GitEvidence.open(repo, new GitConfig("main", null))) {
            for (BranchStatus s : git.statusOfAll()) {
                DiffStat d = git.diffStat(s.branch().name());
                rows.put(s.branch().name(), new Row(s.branch().name(), s.branch().head().sha(), s.ahead(), s.behind(),
                        d.files().size(), d.insertions(), d.deletions()));
            }
        }
        return rows;
    }

    /** The CLI's answer: {@code git for-each-ref} once, then {@code rev-list --count} and {@code diff --numstat} per branch. */
    public static Map<String, Row> byCli(Path repo, List<String> branches) throws Exception {
        Map<String, String> heads = byCliHeads(repo);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String b : branches) {
            String[] counts = GeneratedRepo.git(repo, "rev-list", "--left-right", "--count", "main..." + b).trim().split("\\s+");
            int files = 0;
            int ins = 0;
            int del = 0;
            for (String line : GeneratedRepo.git(repo, "diff", "--numstat", "-M", "main", b).split("\n")) {
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

    private static Map<String, String> byCliHeads(Path repo) throws Exception {
        Map<String, String> heads = new LinkedHashMap<>();
        for (String line : GeneratedRepo.git(repo, "for-each-ref", "refs/heads",
                "--format=%(refname:short) %(objectname) %(committerdate:unix) %(authorname) %(subject)").split("\n")) {
            String[] parts = line.split(" ", 3);
            heads.put(parts[0], parts[1]);
        }
        return heads;
    }
}
