package dev.czar.workers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.RUNNING;

/**
 * What a worker may do to czar about its own workstream (issue 21, served by {@code czar mcp}): see the rest of the
 * fleet, ask a human, report progress, submit its branch to the Definition of Done gate. Every call is an event in
 * the workstream's history with the worker as actor; none changes another workstream or runs the agent's commands.
 */
public final class WorkerChannel {
    private static final Duration POLL = Duration.ofMillis(500);

    private final WorkstreamStore store;
    private final BranchFacts git;
    private final Supervisor supervisor;
    private final Supplier<Optional<String>> mainBranch;
    private final Clock clock;
    private final int maxFixRounds;

    WorkerChannel(WorkstreamStore store, BranchFacts git, Supervisor supervisor, Supplier<Optional<String>> mainBranch,
                  Clock clock, int maxFixRounds) {
        this.maxFixRounds = maxFixRounds;
        this.store = store;
        this.git = git;
        this.supervisor = supervisor;
        this.mainBranch = mainBranch;
        this.clock = clock;
    }

    /** Another workstream as a worker sees it; {@code close} says why it may be the same work, or is null. */
    public record Peer(String name, String task, String state, String branch, List<String> files, String close) {
    }

    /** The actor of a worker's own calls in history and audit. */
    public static String actor(String workstream) {
        return "worker:" + workstream;
    }

    /** Every other live (unfinished) workstream, closest first. */
    public List<Peer> fleet(String self) {
        Workstream me = require(self);
        DuplicateDetector.Work mine = new DuplicateDetector.Work(me.name(), me.task(), new LinkedHashSet<>(files(me)));
        List<Peer> peers = new ArrayList<>();
        for (Workstream other : store.all()) {
            if (other.name().equals(self) || other.state().finished()) {
                continue;
            }
            List<String> files = files(other);
            List<WorkerAlert> alike = new DuplicateDetector().find(List.of(mine,
                    new DuplicateDetector.Work(other.name(), other.task(), new LinkedHashSet<>(files))), clock.instant());
            peers.add(new Peer(other.name(), FleetText.firstLine(other.task()), other.state().name(), other.branch(),
                    files, alike.isEmpty() ? null : alike.get(0).detail()));
        }
        peers.sort((a, b) -> Boolean.compare(b.close() != null, a.close() != null));
        List<String> close = peers.stream().filter(p -> p.close() != null).map(Peer::name).toList();
        new FleetViews(store.database()).record(self, close, git.head(me.branch()).orElse(me.baseSha()), clock.instant());
        store.note(self, actor(self), "fleet_status: saw " + peers.size() + " other live workstream(s)"
                + (close.isEmpty() ? "" : "; close to this one: " + String.join(", ", close)));
        return peers;
    }

    /** A checkpoint: shown in the workstream's history ('czar workers NAME'). */
    public void progress(String self, String done, String next, String blockedOn) {
        require(self);
        store.note(self, actor(self), "progress: done: " + done + "; next: " + next
                + (blockedOn == null || blockedOn.isBlank() ? "" : "; blocked on: " + blockedOn));
    }

    /** The answer, or empty when none came within {@code wait} (the workstream stays NEEDS_INPUT then). */
    public Optional<String> ask(String self, String question, Duration wait) {
        Workstream ws = require(self);
        if (ws.state() != RUNNING && ws.state() != NEEDS_INPUT) {
            throw new WorkerException(self + " is " + ws.state().label() + "; only a running worker can ask");
        }
        // the supervisor running the worker tells the thread (WorkerWatch): this runs in the czar mcp process
        store.transition(self, ws.state(), NEEDS_INPUT, actor(self), "asks: " + question);
        Instant until = clock.instant().plus(wait);
        while (true) {
            List<WorkerInputs.PendingInput> answers = store.inputs().pending(self);
            if (!answers.isEmpty()) {
                WorkerInputs.PendingInput answer = answers.get(0);
                store.inputs().markDelivered(answer.id());
                store.transition(self, NEEDS_INPUT, RUNNING, answer.fromUser(), "answered: " + answer.text()
                        + " (through ask_human, in the running session)");
                return Optional.of(answer.text());
            }
            if (!clock.instant().isBefore(until)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Runs the Definition of Done gate now on the branch head; a refusal counts as a fix round, as today. */
    public DoneGate.Report claimDone(String self, String summary) {
        Workstream ws = require(self);
        String main = mainBranch.get().orElseThrow(() -> new WorkerException("the repository has no main branch yet"));
        supervisor.copies().sync(ws);
        DoneGate.Report report = supervisor.gate().check(ws, main, supervisor.copies().dirOf(self), ws.fixRounds());
        store.gates().save(self, report.headSha(), report.items());
        String verdict = report.refused() ? "refused (" + report.tally() + "): " + report.firstFailure()
                : report.awaitingMerge() ? "passed, waiting for a merge (" + report.tally() + ")" : "passed (" + report.tally() + ")";
        // the items too: the supervisor posts this to the workstream's thread like a gate run (McpVerdicts)
        store.note(self, actor(self), McpVerdicts.PREFIX + "\"" + summary + "\": " + verdict + "\n" + report.render());
        if (report.refused()) {
            store.setFacts(self, WorkstreamStore.set("fix_rounds", ws.fixRounds() + 1));
        }
        return report;
    }

    /** The branch a worker's work is on ("my branch" in its questions). */
    public String branch(String self) {
        return require(self).branch();
    }

    /** Fix rounds used and allowed, for the verdict's last line. */
    public String fixRounds(String self) {
        return require(self).fixRounds() + " of " + maxFixRounds;
    }

    private List<String> files(Workstream ws) {
        String head = git.head(ws.branch()).orElse(null);
        if (head == null || ws.baseSha() == null || head.equals(ws.baseSha())) {
            return List.of();
        }
        return git.changes(ws.baseSha(), head).stream().map(BranchFacts.Change::path).sorted().toList();
    }

    private Workstream require(String name) {
        return store.find(name).orElseThrow(() -> new WorkerException("no workstream named '" + name + "'"));
    }
}
