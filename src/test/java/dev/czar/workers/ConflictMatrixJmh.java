package dev.czar.workers;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JMH benchmark (run by {@link ConflictMatrixBenchmark}): {@link ConflictMatrix#predict} over every {@code feature-*}
 * branch of a generated repository, all pairs plus each against main, in core.
 */
@State(Scope.Benchmark)
public class ConflictMatrixJmh {
    /** The generated repository, made once by the launcher. */
    @Param("")
    public String repo;

    private Repository repository;
    private BranchFacts facts;
    private String mainSha;
    private List<ConflictMatrix.Head> heads;

    @Setup
    public void open() throws Exception {
        repository = new FileRepositoryBuilder().setGitDir(Path.of(repo).resolve(".git").toFile()).setMustExist(true).build();
        facts = new BranchFacts(repository);
        mainSha = facts.head("main").orElseThrow();
        heads = heads(repository, facts);
    }

    @TearDown
    public void close() {
        repository.close();
    }

    /** A fresh matrix each time: the full round, every merge run (a kept matrix would only look its outcomes up). */
    @Benchmark
    public List<WorkerAlert> predict() {
        return new ConflictMatrix(facts).predict("main", mainSha, heads, Instant.now());
    }

    /** Every branch but main, with its head. */
    static List<ConflictMatrix.Head> heads(Repository repository, BranchFacts facts) throws Exception {
        List<ConflictMatrix.Head> heads = new ArrayList<>();
        for (var ref : repository.getRefDatabase().getRefsByPrefix("refs/heads/")) {
            String name = ref.getName().substring("refs/heads/".length());
            if (!name.equals("main")) {
                heads.add(new ConflictMatrix.Head(name, facts.head(name).orElseThrow()));
            }
        }
        return heads;
    }
}
