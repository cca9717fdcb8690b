package dev.czar.workers;

import dev.czar.config.WorkersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * Keeps the fleet moving, one {@link #tick} at a time: takes the home's supervisor lease, recovers workers of a
 * supervisor that died ({@link Recovery}), watches running workers ({@link WorkerWatch}), acts on the Definition of
 * Done gate's verdicts ({@link GateVerdicts}), unblocks dependents and fills free slots from the queue by priority
 * ({@link QueueFill}), predicts conflicts and duplicates, removes old working copies and rewrites the shared status
 * file. Commands from any czar process only change rows; the supervisor acts on them here.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final String id;
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final WorkingCopies copies;
    private final AttemptStart attempts;
    private final DoneGate gate;
    private final FleetChecks checks;
    private final Supplier<Optional<String>> mainBranch;
    private final Clock clock;
    /** The workers this supervisor runs a process for, by workstream name; shared with the parts below. */
    private final Map<String, Activity> running = new ConcurrentHashMap<>();
    private final GateRuns gates;
    private final Recovery recovery;
    private final WorkerWatch watch;
    private final GateVerdicts verdicts;
    private final QueueFill queue;
    private final SessionReplies replies;
    private final WorkerCapabilities capabilities;
    private volatile ScheduledExecutorService loop;
    private Thread shutdownHook;
    private boolean holdsLease;
    /** issue 19: fetched on each tick (and before launches and gate runs), at most once per interval. */
    private final RemoteSync remote;
    /**
     * Set by {@link #close}: a tick already waiting for this object's lock when close ran must not start workers
     * again (a thread blocked on {@code synchronized} ignores the loop's interrupt).
     */
    private volatile boolean closed;

    /** What the workers of its backend can do. */
    WorkerCapabilities capabilities() {
        return capabilities;
    }

    /** The Definition of Done gate this supervisor runs. */
    DoneGate gate() {
        return gate;
    }

    /** The working copies of its workers (an MCP claim_done syncs and checks one). */
    WorkingCopies copies() {
        return copies;
    }

    /**
     * What a supervisor drives, built once with the fleet ({@link WorkersAssembly}).
     *
     * @param remote the remote kept fetched (issue 19); {@link RemoteSync#NONE} for none
     */
    record Parts(WorkerBackend backend, WorkingCopies copies, DoneGate gate, FleetChecks checks, AttemptStart attempts,
                 AgentSessions sessions, WorkerNotices notices, RemoteSync remote) {
    }

    Supervisor(String id, WorkersConfig config, WorkstreamStore store, BranchFacts git,
               Supplier<Optional<String>> mainBranch, Clock clock, Parts parts) {
        this.id = id;
        this.config = config;
        this.store = store;
        this.copies = parts.copies();
        this.gate = parts.gate();
        this.checks = parts.checks();
        this.mainBranch = mainBranch;
        this.clock = clock;
        this.remote = parts.remote();
        this.gates = new GateRuns(gate, copies, git, mainBranch, clock, remote);
        this.attempts = parts.attempts();
        this.replies = new SessionReplies(store);
        this.recovery = new Recovery(id, store, parts.backend(), copies, attempts, git, QueueFill.walkEvery(config));
        this.watch = new WorkerWatch(id, config, store, git, copies, gates, parts.notices(), clock, running, parts.sessions());
        this.verdicts = new GateVerdicts(config, store, git, gates, parts.notices());
        this.queue = new QueueFill(id, config, store, git, copies, attempts, parts.notices(), running, remote);
        this.capabilities = parts.backend().capabilities();
    }

    public String id() {
        return id;
    }

    /** Runs {@link #tick} every {@code workers.poll-interval} on a daemon thread, and ends workers on JVM exit. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        closed = false;
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
        if (closed) {
            return false;
        }
        Instant now = clock.instant();
        if (!store.lease().acquire(id, leaseStaleAfter())) {
            if (holdsLease) {
                recovery.letGo(running); // another supervisor took over (this one stopped renewing): its recovery adopts or ends them
            }
            holdsLease = false;
            return false;
        }
        if (!holdsLease) {
            holdsLease = true;
            recovery.recover(running, now);
        }
        remote.fetchIfDue(); // bounded by git.fetch-interval; a failure is remembered, never thrown
        Optional<String> main = mainBranch.get();
        watch.watch(now);
        replies.resumeAnswered();
        verdicts.finishGates();
        queue.unblock();
        if (main.isPresent()) {
            verdicts.verifyWaiting(main.get());
            queue.fill(now, main.get());
            checks.run(main.get(), now);
        }
        cleanUp(now);
        checks.writeStatus(now);
        return true;
    }

    /**
     * GitHub reported news about {@code name}'s pull request or checks (issue 19 webhooks): a gate that waits on CI
     * looks again at once, and a tick runs now rather than at the next poll. Polling stays the fallback.
     */
    public void wake(String name) {
        gates.recheckNow(name);
        ScheduledExecutorService current = loop; // no lock: a tick in progress must not hold up the caller
        if (current != null) {
            try {
                current.execute(this::safeTick);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: nothing left to wake
            }
        }
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

    private Duration leaseStaleAfter() {
        Duration fivePolls = config.pollEvery().multipliedBy(5);
        return fivePolls.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : fivePolls;
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
     * workstreams back in the queue, so the next supervisor starts them again; workers that run on without it
     * (Kubernetes Jobs) are left running for the next supervisor to adopt. Releases the lease.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
            removeShutdownHook();
        }
        gates.close();
        Set<String> runOn = recovery.letGo(running);
        try {
            for (Workstream ws : store.all()) {
                if (ws.holdsProcess() && id.equals(ws.owner()) && !runOn.contains(ws.name())) {
                    boolean paused = ws.state() == PAUSED;
                    store.transition(ws.name(), ws.state(), ws.state() == PAUSED ? PAUSED : QUEUED, actor(),
                            "czar stopped; worker ended, it starts again with the next supervisor"
                                    + (paused ? " once resumed (still paused)" : ""),
                            set("pid", null, "owner", null, "paused_from", paused ? QUEUED : null));
                }
            }
            if (holdsLease) {
                store.lease().release(id);
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
