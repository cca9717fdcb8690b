package dev.czar.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Definition of Done gate runs in the background (a verify command may take minutes), one at a time, and what
 * the last run of each workstream saw: its head, main's head, and whether it was done.
 */
final class GateRuns {
    private static final Logger LOG = LoggerFactory.getLogger(GateRuns.class);
    /** How often a report that waits on running checks is looked at again (ETags make unchanged answers free). */
    static final Duration CI_RECHECK = Duration.ofSeconds(30);

    private final DoneGate gate;
    private final WorkingCopies copies;
    private final BranchFacts git;
    private final Supplier<Optional<String>> mainBranch;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "czar-gate");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Future<DoneGate.Report>> pending = new LinkedHashMap<>();
    private final Map<String, String> lastHead = new ConcurrentHashMap<>();
    private final Map<String, String> lastMain = new ConcurrentHashMap<>();
    private final Map<String, String> mainAtStart = new ConcurrentHashMap<>();
    private final Set<String> done = new HashSet<>();
    /** When the last report of a workstream found its CI still running (pull-request checks pending), issue 19. */
    private final Map<String, Instant> ciWaitingSince = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Fetched (at most once per interval) before each gate run. */
    private final RemoteSync remote;

    GateRuns(DoneGate gate, WorkingCopies copies, BranchFacts git, Supplier<Optional<String>> mainBranch, Clock clock,
             RemoteSync remote) {
        this.gate = gate;
        this.copies = copies;
        this.git = git;
        this.mainBranch = mainBranch;
        this.clock = clock;
        this.remote = remote;
    }

    /** Whether the last report waited on CI long enough ago that its checks deserve another look. */
    boolean ciRecheckDue(String name) {
        Instant since = ciWaitingSince.get(name);
        return since != null && !clock.instant().isBefore(since.plus(CI_RECHECK));
    }

    /**
     * News about the workstream's checks arrived (a webhook): a report that waits on CI is due for another look now.
     *
     * @return whether a report was waiting on CI
     */
    boolean recheckNow(String name) {
        return ciWaitingSince.computeIfPresent(name, (n, since) -> Instant.EPOCH) != null;
    }

    void start(Workstream ws) {
        String main = mainBranch.get().orElse(null);
        if (main == null || pending.containsKey(ws.name())) {
            return;
        }
        int round = ws.fixRounds();
        git.mainHead(main).ifPresent(sha -> mainAtStart.put(ws.name(), sha));
        pending.put(ws.name(), executor.submit(() -> {
            remote.fetchIfDue(); // the gate compares with main as the remote has it now
            git.mainHead(main).ifPresent(sha -> mainAtStart.put(ws.name(), sha));
            copies.sync(ws);
            gate.publisher().beforeGate(ws);
            DoneGate.Report report = gate.check(ws, main, copies.dirOf(ws.name()), round);
            gate.publisher().afterGate(ws, main, report);
            return report;
        }));
    }

    boolean running(String name) {
        return pending.containsKey(name);
    }

    String lastHead(String name) {
        return lastHead.get(name);
    }

    String lastMain(String name) {
        return lastMain.get(name);
    }

    boolean lastDone(String name) {
        return done.contains(name);
    }

    Map<String, DoneGate.Report> collect() {
        Map<String, DoneGate.Report> finished = new LinkedHashMap<>();
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().isDone()) {
                continue;
            }
            it.remove();
            DoneGate.Report report;
            try {
                report = entry.getValue().get();
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.warn("gate for {} failed", entry.getKey(), cause);
                report = new DoneGate.Report(null, List.of(GateItem.fail("gate", "the gate could not run: " + cause.getMessage())));
            }
            lastHead.put(entry.getKey(), report.headSha() == null ? "" : report.headSha());
            lastMain.put(entry.getKey(), mainAtStart.getOrDefault(entry.getKey(), ""));
            if (report.done()) {
                done.add(entry.getKey());
            }
            boolean ciWaits = report.items().stream().anyMatch(i -> i.item().equals("ci") && i.status() == GateItem.Status.WAIT);
            if (ciWaits) {
                ciWaitingSince.put(entry.getKey(), clock.instant());
            } else {
                ciWaitingSince.remove(entry.getKey());
            }
            finished.put(entry.getKey(), report);
        }
        return finished;
    }

    /**
     * Stops the gate threads and waits a moment for them: a check still running git would otherwise go on writing
     * into the repository (objects of a trial merge) after czar closed it.
     */
    void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
