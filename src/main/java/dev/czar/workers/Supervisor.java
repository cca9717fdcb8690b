package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.czar.workers.WorkstreamState.BLOCKED;
import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.LOST;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * Keeps the fleet moving, one {@link #tick} at a time: takes the home's supervisor lease, recovers workers of a
 * supervisor that died, watches running workers (exit, question, silence), runs the Definition of Done gate,
 * unblocks dependents, fills free slots from the queue by priority, predicts conflicts and duplicates, removes old
 * working copies and rewrites the shared status file. Commands from any czar process only change rows; the
 * supervisor acts on them here.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final String id;
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final WorkerBackend backend;
    private final WorkingCopies copies;
    private final BranchFacts git;
    private final DoneGate gate;
    private final FleetChecks checks;
    private final Supplier<Optional<String>> mainBranch;
    private final Path logs;
    private final Clock clock;
    private final WorkerNotices notices;
    private final Map<String, Activity> running = new ConcurrentHashMap<>();
    private final GateRuns gates;
    private final AttemptStart attempts;
    private ScheduledExecutorService loop;
    private Thread shutdownHook;
    private boolean holdsLease;

    /** The Definition of Done gate this supervisor runs. */
    DoneGate gate() {
        return gate;
    }

    public Supervisor(String id, WorkersConfig config, WorkstreamStore store, WorkerBackend backend, WorkingCopies copies,
                      BranchFacts git, StatusFile statusFile, Supplier<Optional<String>> mainBranch, Path home, Clock clock,
                      WorkerNotices notices) {
        this.id = id;
        this.config = config;
        this.store = store;
        this.backend = backend;
        this.copies = copies;
        this.git = git;
        this.gate = new DoneGate(git, new VerifyCommand(config, home), config);
        this.checks = new FleetChecks(store, git, statusFile, notices);
        this.mainBranch = mainBranch;
        this.logs = home.resolve("workers");
        this.clock = clock;
        this.notices = notices;
        this.gates = new GateRuns(gate, copies, git, mainBranch);
        this.attempts = new AttemptStart(config, backend, statusFile.path(), logs);
    }

    public String id() {
        return id;
    }

    /** Runs {@link #tick} every {@code workers.poll-interval} on a daemon thread, and ends workers on JVM exit. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "czar-supervisor");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(this::safeTick, 0, config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
        shutdownHook = new Thread(this::close, "czar-supervisor-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * One round of supervision. Returns false when another czar process holds this home's supervisor lease
     * (then it does the work and this one only answers questions).
     */
    public synchronized boolean tick() {
        Instant now = clock.instant();
        if (!store.acquireLease(id, leaseStaleAfter())) {
            holdsLease = false;
            return false;
        }
        if (!holdsLease) {
            holdsLease = true;
            recover();
        }
        Optional<String> main = mainBranch.get();
        watch(now);
        finishGates();
        unblock();
        if (main.isPresent()) {
            verifyWaiting(main.get());
            fill(now, main.get());
            checks.run(main.get(), now);
        }
        cleanUp(now);
        checks.writeStatus(now);
        return true;
    }

    /** Names of the workers this supervisor runs a process for right now. */
    public Set<String> runningHere() {
        return Set.copyOf(running.keySet());
    }

    /** The output tail of a worker running here. */
    public Optional<String> tail(String name, int lines) {
        return Optional.ofNullable(running.get(name)).map(a -> a.worker().tail(lines));
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("supervisor tick failed", e);
        }
    }

    /** A tenth of stuck-after, at most 30s: fine enough to never call a busy worker stuck. */
    private Duration walkEvery() {
        Duration tenth = config.stuckAfterDuration().dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
    }

    private Duration leaseStaleAfter() {
        Duration fivePolls = config.pollEvery().multipliedBy(5);
        return fivePolls.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : fivePolls;
    }

    /** Workers of a supervisor that is gone: end any left-over process, mark LOST, re-queue once. */
    private void recover() {
        for (Workstream ws : store.all()) {
            if (!ws.holdsProcess() || running.containsKey(ws.name())) {
                continue;
            }
            String ended = "";
            if (ws.pid() != null && backend.alive(ws.pid(), ws.pidStartedAt())) {
                backend.terminate(ws.pid(), ws.pidStartedAt());
                ended = "; its left-over process " + ws.pid() + " was ended so it never runs twice";
            }
            // it may have died between starting a worker and recording its pid
            List<Long> strays = backend.terminateIn(copies.dirOf(ws.name()));
            if (!strays.isEmpty()) {
                ended += "; left-over processes " + strays + " in its working copy were ended";
            }
            if (!store.transition(ws.name(), ws.state(), LOST, actor(), "supervisor " + ws.owner() + " is gone" + ended,
                    set("owner", null, "pid", null))) {
                continue;
            }
            boolean paused = ws.state() == PAUSED;
            if (ws.lostRequeues() < 1) {
                store.transition(ws.name(), LOST, paused ? PAUSED : QUEUED, actor(), "re-queued once after being lost"
                                + (paused ? "; still paused: it starts again when resumed" : ""),
                        set("lost_requeues", ws.lostRequeues() + 1, "not_before", null, "paused_from", paused ? QUEUED : null));
            } else {
                store.transition(ws.name(), LOST, FAILED, actor(), "lost a second time; not re-queued again",
                        set("paused_from", null));
            }
        }
    }

    private void watch(Instant now) {
        for (var entry : new ArrayList<>(running.entrySet())) {
            String name = entry.getKey();
            Activity activity = entry.getValue();
            RunningWorker worker = activity.worker();
            Workstream ws = store.find(name).orElseThrow();
            if (!ws.holdsProcess() || !id.equals(ws.owner())) {
                worker.kill();
                running.remove(name);
                store.note(name, actor(), "worker process " + worker.pid() + " ended: the workstream is " + ws.state().label());
                continue;
            }
            followPause(ws, activity, now);
            if (ws.state() != PAUSED) {
                ws = deliverReplies(ws, worker); // a stopped worker gets its answers when resumed
            }
            Optional<String> claim = worker.doneClaim();
            if (claim.isPresent()) {
                running.remove(name);
                onClaim(ws, worker, claim.get());
                continue;
            }
            Optional<Integer> exit = worker.exitCode();
            if (exit.isPresent()) {
                running.remove(name);
                onExit(ws, exit.get(), worker.tail(20));
                continue;
            }
            if (ws.state() == PAUSED) {
                continue; // stopped on purpose: neither asking nor stuck
            }
            Optional<String> prompt = worker.pendingPrompt();
            Duration silence = Duration.between(worker.lastOutputAt(), now);
            if (ws.state() == RUNNING && prompt.isPresent() && silence.compareTo(config.inputAfterDuration()) >= 0) {
                if (store.transition(name, RUNNING, NEEDS_INPUT, actor(), "asks: " + prompt.get())) {
                    notices.tell(ws, "is waiting for an answer: \"" + prompt.get() + "\" (reply with '/czar reply "
                            + name + " <answer>')");
                }
            } else if (ws.state() == NEEDS_INPUT && prompt.isEmpty()) {
                store.transition(name, NEEDS_INPUT, RUNNING, actor(), "the worker went on without an answer");
            } else if (ws.state() == RUNNING) {
                String head = git.head(ws.branch()).orElse("");
                Instant progress = activity.lastProgress(head, now);
                Duration idle = Duration.between(progress, now);
                if (idle.compareTo(config.stuckAfterDuration()) >= 0
                        && store.transition(name, RUNNING, STUCK, actor(), "no output, file change or commit for "
                        + idle.toSeconds() + "s (workers.stuck-after " + config.stuckAfter() + ")")) {
                    worker.kill();
                    running.remove(name);
                    retryOrFail(store.find(name).orElseThrow(), "stuck", worker.tail(20), null);
                }
            }
        }
    }

    /** Stops the worker's process group when its workstream was paused, continues it when resumed. */
    private void followPause(Workstream ws, Activity activity, Instant now) {
        RunningWorker worker = activity.worker();
        if (ws.state() == PAUSED && !activity.paused()) {
            worker.pause();
            activity.paused(now);
            store.note(ws.name(), actor(), "worker process group " + worker.pid() + " stopped (SIGSTOP); its stuck clock"
                    + " is frozen until it is resumed");
        } else if (ws.state() != PAUSED && activity.paused()) {
            worker.resume();
            Duration paused = activity.resumed(now);
            store.note(ws.name(), actor(), "worker process group " + worker.pid() + " continued (SIGCONT) after "
                    + paused.toSeconds() + "s paused; paused time does not count towards workers.stuck-after");
        }
    }

    private Workstream deliverReplies(Workstream ws, RunningWorker worker) {
        for (WorkstreamStore.PendingInput input : store.pendingInputs(ws.name())) {
            try {
                worker.send(input.text());
                store.markDelivered(input.id());
                store.note(ws.name(), input.fromUser(), "answer written to the worker's stdin: " + input.text());
                if (ws.state() == NEEDS_INPUT) {
                    store.transition(ws.name(), NEEDS_INPUT, RUNNING, input.fromUser(), "answered: " + input.text());
                }
            } catch (IOException e) {
                store.note(ws.name(), actor(), "could not write the answer to the worker's stdin: " + e.getMessage());
            }
        }
        return store.find(ws.name()).orElseThrow();
    }

    /** The worker said it is done: end it (its claim is final) and let the gate judge, as after exit 0. */
    private void onClaim(Workstream ws, RunningWorker worker, String claim) {
        Optional<Integer> exited = worker.exitCode();
        worker.kill();
        copies.sync(ws);
        String ended = exited.map(code -> "it exited with code " + code)
                .orElse("its process group was ended (SIGTERM, then SIGKILL after a grace period)");
        if (store.transition(ws.name(), ws.state(), VERIFYING, actor(), "worker claimed done in its output: \""
                        + claim + "\" (workers.done-pattern); " + ended + "; checking the Definition of Done",
                set("exit_code", exited.orElse(null), "pid", null, "paused_from", null))) {
            gates.start(store.find(ws.name()).orElseThrow());
        }
    }

    private void onExit(Workstream ws, int code, String tail) {
        copies.sync(ws);
        if (code == 0) {
            if (store.transition(ws.name(), ws.state(), VERIFYING, actor(),
                    "worker exited 0 (a claim of done); checking the Definition of Done",
                    set("exit_code", 0, "pid", null, "paused_from", null))) {
                gates.start(store.find(ws.name()).orElseThrow());
            }
        } else {
            retryOrFail(ws, "worker exited with code " + code, tail, code);
        }
    }

    private void retryOrFail(Workstream ws, String why, String tail, Integer exitCode) {
        String lastOutput = tail.isBlank() ? "" : "; last output:\n" + tail;
        boolean paused = ws.state() == PAUSED;
        if (ws.attempts() <= config.maxRetries()) {
            Duration backoff = config.retryBackoffDuration().multipliedBy(1L << Math.min(10, ws.attempts() - 1));
            store.transition(ws.name(), ws.state(), paused ? PAUSED : QUEUED, actor(), why + "; retry " + ws.attempts()
                            + " of " + config.maxRetries() + " in " + backoff.toMillis() + "ms"
                            + (paused ? " once resumed" : "") + lastOutput,
                    set("exit_code", exitCode, "pid", null, "owner", null, "not_before", clock.instant().plus(backoff),
                            "paused_from", paused ? QUEUED : null));
        } else {
            String reason = why + " on attempt " + ws.attempts() + "; no retries left (workers.max-retries "
                    + config.maxRetries() + ")" + lastOutput;
            if (store.transition(ws.name(), ws.state(), FAILED, actor(), reason,
                    set("exit_code", exitCode, "pid", null, "paused_from", null))) {
                notices.tell(ws, "FAILED: " + reason);
            }
        }
    }

    private void finishGates() {
        for (var finished : gates.collect().entrySet()) {
            Workstream ws = store.find(finished.getKey()).orElseThrow();
            DoneGate.Report report = finished.getValue();
            if (ws.state() != VERIFYING) {
                continue; // killed while the gate ran
            }
            store.saveGate(ws.name(), report.headSha(), report.items());
            if (report.done()) {
                if (store.transition(ws.name(), VERIFYING, DONE, "gate", "Definition of Done met (" + report.tally() + "):\n"
                        + report.render())) {
                    notices.tell(ws, "DONE:\n" + report.render());
                }
            } else if (report.refused()) {
                refuse(ws, report);
            } else {
                store.transition(ws.name(), VERIFYING, VERIFYING, "gate", "verified (" + report.tally()
                        + "); waiting for a merge of " + ws.branch() + ":\n" + report.render());
                notices.tell(ws, "verified, waiting for a merge:\n" + report.render());
            }
        }
    }

    private void refuse(Workstream ws, DoneGate.Report report) {
        if (ws.fixRounds() < config.maxFixRounds()) {
            String feedback = "## czar: your claim of done was refused (fix round " + (ws.fixRounds() + 1) + " of "
                    + config.maxFixRounds() + ")\nFix these Definition of Done items, commit, and exit 0:\n" + report.failures();
            store.transition(ws.name(), VERIFYING, QUEUED, "gate", "done refused, sent back to the worker (fix round "
                            + (ws.fixRounds() + 1) + " of " + config.maxFixRounds() + "): " + report.firstFailure()
                            + "\n" + report.render(),
                    set("next_input", feedback, "fix_rounds", ws.fixRounds() + 1, "attempts", 0, "not_before", null));
            notices.tell(ws, "done refused, sent back:\n" + report.render());
        } else if (store.transition(ws.name(), VERIFYING, FAILED, "gate", "done refused, no fix rounds left"
                + " (workers.max-fix-rounds " + config.maxFixRounds() + "): " + report.firstFailure() + "\n" + report.render())) {
            notices.tell(ws, "FAILED, done refused:\n" + report.render());
        }
    }

    /** VERIFYING workstreams: gate again when the branch or main moved, or the branch was merged, since the last run. */
    private void verifyWaiting(String main) {
        String mainSha = git.head(main).orElse(null);
        for (Workstream ws : store.all()) {
            if (ws.state() != VERIFYING || gates.running(ws.name())) {
                continue;
            }
            String head = git.head(ws.branch()).orElse(null);
            // a new head, or a main that moved underneath (it may conflict now), needs a fresh verdict
            boolean moved = !java.util.Objects.equals(head, gates.lastHead(ws.name()))
                    || !java.util.Objects.equals(mainSha, gates.lastMain(ws.name()));
            boolean merged = head != null && mainSha != null && git.reachable(head, mainSha)
                    && !gates.lastDone(ws.name());
            if (moved || merged) {
                gates.start(ws);
            }
        }
    }

    private void unblock() {
        for (Workstream ws : store.all()) {
            if (ws.state() != BLOCKED || ws.dependsOn() == null) {
                continue;
            }
            Optional<Workstream> dep = store.find(ws.dependsOn());
            if (dep.isPresent() && dep.get().state() == DONE
                    && store.transition(ws.name(), BLOCKED, QUEUED, actor(), "dependency " + ws.dependsOn() + " is DONE")) {
                notices.tell(ws, "unblocked: " + ws.dependsOn() + " is DONE");
            }
        }
    }

    private void fill(Instant now, String main) {
        if (!config.enabled()) {
            return;
        }
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
            if (ws.dependsOn() != null) {
                WorkstreamState dep = store.find(ws.dependsOn()).map(Workstream::state).orElse(null);
                if (dep != DONE) {
                    store.transition(ws.name(), QUEUED, BLOCKED, actor(), "waiting for dependency " + ws.dependsOn()
                            + " (" + (dep == null ? "missing" : dep.label()) + ")");
                    continue;
                }
            }
            if (launch(ws, main, now)) {
                busy++;
            }
        }
    }

    private boolean launch(Workstream ws, String main, Instant now) {
        int attempt = ws.attempts() + 1;
        if (!store.transition(ws.name(), QUEUED, RUNNING, actor(), "attempt " + attempt + " started"
                + (ws.fixRounds() > 0 ? " (fix round " + ws.fixRounds() + ")" : ""),
                set("owner", id, "attempts", attempt, "exit_code", null))) {
            return false; // another process moved it first
        }
        try {
            String mainSha = git.head(main).orElseThrow(() -> new WorkerException("main branch " + main + " has no commits"));
            Path dir = copies.prepare(ws, mainSha);
            if (ws.baseSha() == null) {
                store.setFacts(ws.name(), set("base_sha", mainSha));
            }
            AttemptStart.Started started = attempts.start(ws, attempt, dir);
            RunningWorker worker = started.worker();
            store.setFacts(ws.name(), set("pid", worker.pid(), "pid_started_at", worker.startedAt()));
            store.note(ws.name(), actor(), "worker process " + worker.pid() + " started in " + dir + "; output in " + started.log());
            running.put(ws.name(), new Activity(worker, dir, now, walkEvery()));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot start worker {}", ws.name(), e);
            store.transition(ws.name(), RUNNING, FAILED, actor(), "could not start the worker: " + e.getMessage());
            return false;
        }
    }

    private void cleanUp(Instant now) {
        for (Workstream ws : store.all()) {
            if (ws.state().finished() && ws.updatedAt().plus(config.retentionDuration()).isBefore(now)
                    && Files.exists(copies.dirOf(ws.name()))) {
                copies.remove(ws.name());
                store.note(ws.name(), actor(), "working copy removed after workers.retention " + config.retention()
                        + "; branch " + ws.branch() + " and logs kept");
            }
        }
    }

    private String actor() {
        return "supervisor " + id;
    }

    /**
     * Stops supervising: ends every worker process this supervisor started (whole process groups) and puts their
     * workstreams back in the queue, so the next supervisor starts them again. Releases the lease.
     */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
            removeShutdownHook();
        }
        gates.close();
        for (var entry : new ArrayList<>(running.entrySet())) {
            entry.getValue().worker().kill();
            running.remove(entry.getKey());
        }
        try {
            for (Workstream ws : store.all()) {
                if (ws.holdsProcess() && id.equals(ws.owner())) {
                    boolean paused = ws.state() == PAUSED;
                    store.transition(ws.name(), ws.state(), ws.state() == PAUSED ? PAUSED : QUEUED, actor(),
                            "czar stopped; worker ended, it starts again with the next supervisor"
                                    + (paused ? " once resumed (still paused)" : ""),
                            set("pid", null, "owner", null, "paused_from", paused ? QUEUED : null));
                }
            }
            if (holdsLease) {
                store.releaseLease(id);
            }
        } catch (RuntimeException e) {
            // at JVM exit the database may close first; the next supervisor finds these LOST and re-queues them
            LOG.warn("could not record the supervisor's stop: {}", e.toString());
        }
        holdsLease = false;
    }

    /** Test seam: stops without cleaning up, as {@code kill -9} of czar would (workers and lease left behind). */
    void abandon() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
            removeShutdownHook();
        }
        gates.close();
        running.clear();
    }

    private void removeShutdownHook() {
        try {
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is what called us
        }
        shutdownHook = null;
    }
}
