package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.czar.workers.WorkstreamState.BLOCKED;
import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * Keeps every slot busy: unblocks workstreams whose dependency is DONE, and starts the highest-priority unblocked
 * QUEUED workstreams while fewer than {@code workers.max-parallel} hold a worker process.
 */
final class QueueFill {
    private static final Logger LOG = LoggerFactory.getLogger(QueueFill.class);

    private final String id;
    private final String actor;
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final WorkingCopies copies;
    private final AttemptStart attempts;
    private final WorkerNotices notices;
    private final Map<String, Activity> running;
    /** Fetched (at most once per interval) before launches; branches start from its main. */
    private final RemoteSync remote;

    QueueFill(String id, WorkersConfig config, WorkstreamStore store, BranchFacts git, WorkingCopies copies,
              AttemptStart attempts, WorkerNotices notices, Map<String, Activity> running, RemoteSync remote) {
        this.id = id;
        this.actor = "supervisor " + id;
        this.config = config;
        this.store = store;
        this.git = git;
        this.copies = copies;
        this.attempts = attempts;
        this.notices = notices;
        this.running = running;
        this.remote = remote;
    }

    /** BLOCKED workstreams whose dependency is DONE go back to the queue; their thread is told. */
    void unblock() {
        for (Workstream ws : store.all()) {
            if (ws.state() != BLOCKED || ws.dependsOn() == null) {
                continue;
            }
            Optional<Workstream> dep = store.find(ws.dependsOn());
            if (dep.isPresent() && dep.get().state() == DONE
                    && store.transition(ws.name(), BLOCKED, QUEUED, actor, "dependency " + ws.dependsOn() + " is DONE")) {
                notices.tell(ws, "unblocked: " + ws.dependsOn() + " is DONE");
            }
        }
    }

    /** Starts QUEUED workstreams, highest priority first, into free slots; a paused worker keeps its slot. */
    void fill(Instant now, String main) {
        List<Workstream> all = store.all();
        long busy = all.stream().filter(Workstream::holdsProcess).count(); // a paused worker keeps its slot
        List<Workstream> queue = all.stream().filter(w -> w.state() == QUEUED)
                .filter(w -> w.notBefore() == null || !w.notBefore().isAfter(now))
                .sorted(Comparator.comparingInt(Workstream::priority).reversed().thenComparing(Workstream::createdAt))
                .toList();
        for (Workstream ws : queue) {
            if (busy >= config.maxParallel()) {
                return;
            }
            if (!attempts.startable(ws)) {
                continue; // a plain program without workers.command: recorded, never started
            }
            if (ws.dependsOn() != null) {
                WorkstreamState dep = store.find(ws.dependsOn()).map(Workstream::state).orElse(null);
                if (dep != DONE) {
                    store.transition(ws.name(), QUEUED, BLOCKED, actor, "waiting for dependency " + ws.dependsOn()
                            + " (" + (dep == null ? "missing" : dep.label()) + ")");
                    continue;
                }
            }
            remote.fetchIfDue(); // a new branch starts from main as the remote has it now (bounded by its interval)
            if (launch(ws, main, now)) {
                busy++;
            }
        }
    }

    private boolean launch(Workstream ws, String main, Instant now) {
        int attempt = ws.attempts() + 1;
        if (!store.transition(ws.name(), QUEUED, RUNNING, actor, "attempt " + attempt + " started"
                + (ws.fixRounds() > 0 ? " (fix round " + ws.fixRounds() + ")" : ""),
                set("owner", id, "attempts", attempt, "exit_code", null))) {
            return false; // another process moved it first
        }
        try {
            String mainSha = git.mainHead(main).orElseThrow(() -> new WorkerException("main branch " + main + " has no commits"));
            Path dir = copies.prepare(ws, mainSha);
            if (ws.baseSha() == null) {
                store.setFacts(ws.name(), set("base_sha", mainSha));
            }
            AttemptStart.Started started = attempts.start(ws, attempt, dir);
            RunningWorker worker = started.worker();
            store.setFacts(ws.name(), set("pid", worker.pid(), "pid_started_at", worker.startedAt()));
            store.note(ws.name(), actor, "worker " + worker.handle() + " started in " + dir + "; output in " + started.log()
                    + (started.sessions() ? "; agent " + started.agent() + (started.resumed() != null
                    ? ", resuming session " + started.resumed() : ", new session") : ""));
            running.put(ws.name(), new Activity(worker, dir, now, walkEvery(config), started,
                    git.head(ws.branch()).orElse("")));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot start worker {}", ws.name(), e);
            store.transition(ws.name(), RUNNING, FAILED, actor, "could not start the worker: " + e.getMessage());
            return false;
        }
    }

    /** A tenth of stuck-after, at most 30s: fine enough to never call a busy worker stuck. */
    static Duration walkEvery(WorkersConfig config) {
        Duration tenth = config.stuckAfterDuration().dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
    }
}
