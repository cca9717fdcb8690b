package dev.czar.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.czar.workers.WorkstreamStore.set;

/**
 * Both sides of a supervisor takeover. Taking over ({@link #recover}, when a supervisor takes the home's lease):
 * workers whose supervisor is gone (a czar killed with {@code kill -9}, a replica that stopped renewing the lease)
 * are adopted when their backend still runs them and can hand them over (Kubernetes Jobs: they run on, followed
 * from here, never started twice); otherwise their left-over processes are ended, they become LOST, and are
 * re-queued once. Letting go ({@link #letGo}, when a supervisor lost the lease or stops).
 */
final class Recovery {
    private final String id;
    private final String actor;
    private final WorkstreamStore store;
    private final WorkerBackend backend;
    private final WorkingCopies copies;
    private final AttemptStart attempts;
    private final BranchFacts git;
    private final Duration walkEvery;

    Recovery(String id, WorkstreamStore store, WorkerBackend backend, WorkingCopies copies, AttemptStart attempts,
             BranchFacts git, Duration walkEvery) {
        this.id = id;
        this.actor = "supervisor " + id;
        this.store = store;
        this.backend = backend;
        this.copies = copies;
        this.attempts = attempts;
        this.git = git;
        this.walkEvery = walkEvery;
    }

    /** Workers of a supervisor that is gone: adopt what still runs elsewhere; end the rest, mark LOST, re-queue once. */
    void recover(Map<String, Activity> running, Instant now) {
        LostWorkers lost = new LostWorkers(actor, store);
        for (Workstream ws : store.all()) {
            if (!ws.holdsProcess() || running.containsKey(ws.name())) {
                continue;
            }
            Optional<Activity> adopted = adopt(ws, now);
            if (adopted.isPresent()) {
                running.put(ws.name(), adopted.get());
                continue;
            }
            String ended = "";
            if (ws.pid() != null && ws.pid() > 0 && backend.alive(ws.pid(), ws.pidStartedAt())) {
                backend.terminate(ws.pid(), ws.pidStartedAt());
                ended = "; its left-over process " + ws.pid() + " was ended so it never runs twice";
            }
            // it may have died between starting a worker and recording its pid
            List<String> strays = backend.terminateLeftovers(ws.name(), copies.dirOf(ws.name()));
            if (!strays.isEmpty()) {
                ended += "; left-over " + (backend.capabilities().hostFiles() ? "processes " : "workers ") + strays
                        + (backend.capabilities().hostFiles() ? " in its working copy" : "") + " were ended";
            }
            lost.lose(ws, "supervisor " + ws.owner() + " is gone" + ended);
        }
    }

    /**
     * The other side of a takeover, when this supervisor lost the lease or stops: lets go of every worker it follows.
     * A local process is ended; a worker that runs on without it (a Kubernetes Job) keeps running, its workstream
     * left as it is for the next lease holder to adopt. Returns the workstreams of those.
     */
    Set<String> letGo(Map<String, Activity> running) {
        Set<String> runOn = new HashSet<>();
        for (var entry : new ArrayList<>(running.entrySet())) {
            if (entry.getValue().worker().release()) {
                runOn.add(entry.getKey());
            }
            running.remove(entry.getKey());
        }
        return runOn;
    }

    /**
     * The worker of {@code ws}'s attempt, taken over when its backend still has it: its working copy made here (a
     * standby on another host has none yet), its workstream owned by this supervisor from now on.
     */
    private Optional<Activity> adopt(Workstream ws, Instant now) {
        if (ws.baseSha() == null || ws.attempts() < 1) {
            return Optional.empty();
        }
        Path dir = copies.dirOf(ws.name());
        Optional<AttemptStart.Started> started = attempts.adopt(ws, dir);
        if (started.isEmpty()) {
            return Optional.empty();
        }
        RunningWorker worker = started.get().worker();
        try {
            copies.prepare(ws, ws.baseSha());
        } catch (RuntimeException e) {
            worker.kill(); // it cannot be judged here: ended and re-queued like any lost worker
            return Optional.empty();
        }
        store.setFacts(ws.name(), set("owner", id));
        store.note(ws.name(), actor, "adopted worker " + worker.handle() + " of supervisor " + ws.owner()
                + ", which is gone: it runs on, followed from here (output in " + started.get().log() + ")");
        return Optional.of(new Activity(worker, dir, now, walkEvery, started.get(), git.head(ws.branch()).orElse("")));
    }
}
