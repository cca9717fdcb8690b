package dev.czar.digest;

import dev.czar.agent.TokenLedger;
import dev.czar.config.GitConfig;
import dev.czar.config.WorkersConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.store.Database;
import dev.czar.testsupport.MutableClock;
import dev.czar.testsupport.TempGitRepo;
import dev.czar.workers.FleetRecords;
import dev.czar.workers.LocalProcessBackend;
import dev.czar.github.PullRequestFacts;
import dev.czar.workers.FleetHistory;
import dev.czar.workers.Workers;
import dev.czar.workers.WorkersWiring;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamState;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A seeded czar state for digest, alert and dashboard tests: a real temp git repository with a main branch, a real
 * H2 database, and workstreams recorded through the real worker store (no worker processes run: no command is set).
 */
public final class DigestFixture implements AutoCloseable {
    public final TempGitRepo repo;
    public final MutableClock clock = new MutableClock(TempGitRepo.EPOCH.plus(Duration.ofHours(2)));
    public final Database db = dev.czar.testsupport.MemoryDatabase.open();
    public final Workers workers;
    public final GitEvidence git;
    public final List<String> told = new ArrayList<>();
    public final ScriptedCi ci = new ScriptedCi();
    public final ScriptedBench bench = new ScriptedBench();

    public DigestFixture(Path tmp) {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("Initial import", Map.of("README.md", "demo\n"));
        workers = Workers.open(new WorkersConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null), tmp.resolve("home"), repo.dir(), () -> Optional.of("main"), db, clock,
                WorkersWiring.builder().backend(new LocalProcessBackend(clock)).notices((ws, text) -> told.add(ws.name()
                        + ": " + text)).pullRequests(PullRequestFacts.over(db, new FleetHistory(db, clock))).build());
        git = GitEvidence.open(repo.dir(), new GitConfig(null, null));
    }

    public Digests digests() {
        return new Digests(new DigestComposer(workers, git, ci, bench, new TokenLedger(db), clock), new DigestMarks(db));
    }

    public Workstream launch(String name, String task, String channel, String thread) {
        return workers.launch(name, task, 0, null, "U1", channel, thread).workstream();
    }

    public void move(String name, WorkstreamState from, WorkstreamState to, String reason) {
        clock.advance(Duration.ofMinutes(1));
        if (!FleetRecords.of(workers).move(name, from, to, "supervisor", reason)) {
            throw new IllegalStateException(name + " is not " + from);
        }
    }

    public void spendTokens(long input, long output) {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("INSERT INTO llm_token_usage (at,"
                + " user_id, channel, thread, provider, model, round_trips, input_tokens, output_tokens)"
                + " VALUES (?, 'U1', 'C1', '', 'openai', 'gpt-test', 2, ?, ?)")) {
            st.setTimestamp(1, Timestamp.from(clock.instant()));
            st.setLong(2, input);
            st.setLong(3, output);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CI as GitHub Actions would report it: the test sets failing runs per branch. */
    public static final class ScriptedCi implements CiSource {
        public final Map<String, List<FailingRun>> failing = new java.util.HashMap<>();

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public List<FailingRun> failing(String branch) {
            return failing.getOrDefault(branch, List.of());
        }
    }

    /** Benchmarks as the bench store would compare them: the test sets changes per candidate ref. */
    public static final class ScriptedBench implements BenchSource {
        public final Map<String, List<BenchChange>> changes = new java.util.HashMap<>();
        public byte[] png = new byte[0];

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public List<BenchChange> changes(String baseline, String candidate) {
            return changes.getOrDefault(candidate, List.of());
        }

        @Override
        public List<String> benchmarks() {
            return changes.values().stream().flatMap(List::stream).map(BenchChange::benchmark).distinct().toList();
        }

        @Override
        public Optional<byte[]> chart(String benchmark) {
            return png.length == 0 ? Optional.empty() : Optional.of(png);
        }
    }

    @Override
    public void close() {
        workers.close();
        git.close();
        db.close();
        repo.close();
    }
}
