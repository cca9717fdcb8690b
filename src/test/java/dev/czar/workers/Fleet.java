package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.TempGitRepo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * A supervised fleet for tests: a real temp git repository with a main branch, a real H2 database, real worker
 * processes running {@code examples/agents/scripted-agent.sh}, and short timeouts. Closing it kills every worker.
 */
final class Fleet implements AutoCloseable {
    static final Path AGENT = Path.of("examples/agents/scripted-agent.sh").toAbsolutePath();
    /**
     * Deadline for waiting on something that should happen: generous, because the machine may be loaded by other
     * builds; a passing test never waits this long.
     */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    final TempGitRepo repo;
    final Path home;
    final Database db;
    final Workers workers;
    final List<String> notices = new ArrayList<>();
    private final List<Workers> extra = new ArrayList<>();

    /** What a test adds to the fleet's wiring (local processes, notices collected in {@link #notices}). */
    @FunctionalInterface
    interface Wiring {
        WorkersWiring.Builder wire(Fleet fleet, WorkersWiring.Builder wiring) throws Exception;
    }

    Fleet(Path tmp, Map<String, Object> overrides) {
        this(tmp, overrides, false);
    }

    /** @param onDisk the home's own file database, which other czar processes (czar mcp) open too */
    Fleet(Path tmp, Map<String, Object> overrides, boolean onDisk) {
        this(tmp, overrides, onDisk, (fleet, wiring) -> wiring);
    }

    /** @param wiring what the fleet works with besides the defaults; it sees the repository, home and database */
    Fleet(Path tmp, Map<String, Object> overrides, Wiring wiring) {
        this(tmp, overrides, false, wiring);
    }

    Fleet(Path tmp, Map<String, Object> overrides, boolean onDisk, Wiring wiring) {
        this.repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        repo.commit("initial", Map.of("README.md", "demo\n", "shared/config.txt", "mode = old\n"));
        this.home = onDisk ? dev.czar.store.HomeDirectory.prepare(tmp.resolve("home")) : tmp.resolve("home");
        this.db = onDisk ? MemoryDatabase.openHome(home) : MemoryDatabase.open();
        try {
            this.workers = open(config(overrides), wiring.wire(this, wiring()));
        } catch (Exception e) {
            throw new IllegalStateException("wiring the fleet failed", e);
        }
    }

    static WorkersConfig config(Map<String, Object> o) {
        return new WorkersConfig(
                (List<String>) o.getOrDefault("command", List.of("bash", AGENT.toString())),
                (Integer) o.getOrDefault("max-parallel", 3),
                (String) o.getOrDefault("poll-interval", "50ms"),
                (String) o.getOrDefault("stuck-after", "30s"),
                (Integer) o.getOrDefault("max-retries", 1),
                "10ms",
                (String) o.getOrDefault("verify-command", ""),
                "30s",
                null,
                (String) o.getOrDefault("input-after", "200ms"),
                (Integer) o.getOrDefault("max-fix-rounds", 0),
                (String) o.getOrDefault("retention", "7d"),
                (String) o.getOrDefault("working-copies", "auto"),
                new WorkersConfig.Unsafe((Boolean) o.get("auto-merge")),
                null,
                (String) o.get("agent"),
                (Map<String, dev.czar.config.AgentSettings>) o.get("agents"),
                null, null, null, null, (Boolean) o.get("auto-redirect"));
    }

    Workers open(WorkersConfig config) {
        return open(config, wiring());
    }

    private Workers open(WorkersConfig config, WorkersWiring.Builder wiring) {
        // the repository is borrowed, as from the app's one JGit access point: the TempGitRepo closes it
        Workers w = Workers.open(config, home, repo.git().getRepository(), () -> Optional.of("main"), db,
                Clock.systemUTC(), wiring.build());
        extra.add(w);
        return w;
    }

    /** Local worker processes, notices collected in {@link #notices}. */
    private WorkersWiring.Builder wiring() {
        return WorkersWiring.builder().backend(new LocalProcessBackend(Clock.systemUTC())).notices((ws, text) -> {
            synchronized (notices) {
                notices.add(ws.name() + ": " + text);
            }
        });
    }

    Workstream launch(String name, String task) {
        return workers.launch(name, task, 0, null, "local:test", "cli", null).workstream();
    }

    /** Ticks the supervisor until the workstream satisfies {@code condition}, or fails after {@code timeout}. */
    Workstream await(String name, Predicate<Workstream> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Workstream ws = null;
        while (System.nanoTime() < deadline) {
            workers.supervisor().tick();
            ws = workers.find(name).orElseThrow();
            if (condition.test(ws)) {
                return ws;
            }
            sleep(50);
        }
        return fail("%s did not become %s within %s; it is %s: %s%nevents: %s", name, what, timeout,
                ws == null ? "?" : ws.state(), ws == null ? "" : ws.reason(), workers.history().events(name, 20));
    }

    Workstream await(String name, WorkstreamState state) {
        return await(name, w -> w.state() == state, PATIENCE, state.name());
    }

    List<WorkstreamState> history(String name) {
        return workers.history().events(name, 100).stream().map(WorkstreamEvent::to).filter(s -> s != null).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        extra.forEach(Workers::close);
        db.close();
        repo.close();
    }
}
