package dev.czar.workers;

import dev.czar.config.WorkersConfig;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.PAUSED;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static dev.czar.workers.WorkstreamStore.set;

/**
 * The health watch of the workers a supervisor runs: exits, claims of done, questions, silence (STUCK), pauses,
 * replies for stdin; a crash or a stuck worker is retried with backoff, then FAILED.
 */
final class WorkerWatch {
    private final String id;
    private final String actor;
    private final WorkersConfig config;
    private final WorkstreamStore store;
    private final BranchFacts git;
    private final WorkingCopies copies;
    private final GateRuns gates;
    private final WorkerNotices notices;
    private final Clock clock;
    private final Map<String, Activity> running;
    private final AgentSessions sessions;
    private final TurnOutcomes outcomes;
    private final LostWorkers lost;
    /** Questions asked through czar mcp already told, by workstream and question. */
    private final java.util.Set<String> announced = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final McpVerdicts verdicts;

    WorkerWatch(String id, WorkersConfig config, WorkstreamStore store, BranchFacts git, WorkingCopies copies,
                GateRuns gates, WorkerNotices notices, Clock clock, Map<String, Activity> running,
                AgentSessions sessions) {
        this.id = id;
        this.actor = "supervisor " + id;
        this.config = config;
        this.store = store;
        this.git = git;
        this.copies = copies;
        this.gates = gates;
        this.notices = notices;
        this.clock = clock;
        this.running = running;
        this.sessions = sessions;
        this.outcomes = new TurnOutcomes(config);
        this.verdicts = new McpVerdicts(store, notices);
        this.lost = new LostWorkers(actor, store);
    }

    /** Looks at every worker running here once and moves its workstream accordingly. */
    void watch(Instant now) {
        for (var entry : new ArrayList<>(running.entrySet())) {
            String name = entry.getKey();
            Activity activity = entry.getValue();
            RunningWorker worker = activity.worker();
            Workstream ws = store.find(name).orElseThrow();
            if (!ws.holdsProcess() || !id.equals(ws.owner())) {
                worker.kill();
                running.remove(name);
                store.note(name, actor, "worker " + worker.handle() + " ended: the workstream is " + ws.state().label());
                continue;
            }
            Optional<String> gone = worker.lost();
            if (gone.isPresent()) {
                running.remove(name);
                worker.kill(); // whatever is left of it (a Job with its failed pod) goes, so it never runs twice
                lost.lose(ws, "worker " + worker.handle() + " was lost: " + gone.get()
                        + (worker.tail(5).isBlank() ? "" : "; last output:\n" + worker.tail(5)));
                continue;
            }
            followPause(ws, activity, now);
            if (ws.state() != PAUSED && !activity.sessions()) {
                // a stopped worker gets its answers when resumed; an agent's wait until its turn ends (SessionReplies)
                ws = deliverReplies(ws, worker);
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
                if (activity.sessions()) {
                    saveProgress(name, activity);
                    verdicts.announce(ws); // a claim_done just before the turn ended
                    onTurnEnd(ws, activity, exit.get());
                } else {
                    onExit(ws, exit.get(), worker.tail(20));
                }
                continue;
            }
            if (activity.sessions()) {
                saveProgress(name, activity);
                announceMcpQuestion(ws);
                verdicts.announce(ws);
            }
            if (ws.state() == PAUSED) {
                continue; // stopped on purpose: neither asking nor stuck
            }
            Optional<String> prompt = worker.pendingPrompt();
            Duration silence = Duration.between(worker.lastOutputAt(), now);
            if (ws.state() == RUNNING && prompt.isPresent() && silence.compareTo(config.inputAfterDuration()) >= 0) {
                if (store.transition(name, RUNNING, NEEDS_INPUT, actor, "asks: " + prompt.get())) {
                    notices.tell(ws, "is waiting for an answer: \"" + prompt.get() + "\" (answer in this thread, or '/czar reply "
                            + name + " <answer>')");
                }
            } else if (ws.state() == NEEDS_INPUT && prompt.isEmpty() && !activity.sessions()) {
                // (an agent asking through czar mcp's ask_human waits in its tool call, with no prompt line)
                store.transition(name, NEEDS_INPUT, RUNNING, actor, "the worker went on without an answer");
            } else if (ws.state() == RUNNING) {
                String head = git.head(ws.branch()).orElse("");
                Instant progress = activity.lastProgress(head, now);
                Duration idle = Duration.between(progress, now);
                if (idle.compareTo(config.stuckAfterDuration()) >= 0
                        && store.transition(name, RUNNING, STUCK, actor, "no output, file change or commit for "
                        + idle.toSeconds() + "s (workers.stuck-after " + config.stuckAfter() + ")")) {
                    worker.kill();
                    running.remove(name);
                    retryOrFail(store.find(name).orElseThrow(), "stuck", worker.tail(20), null);
                }
            }
        }
    }

    /**
     * An agent asked through {@code czar mcp}'s ask_human (another process): the supervisor, whose notices reach the
     * workstream's thread, tells the humans once per question.
     */
    private void announceMcpQuestion(Workstream ws) {
        if (ws.state() != NEEDS_INPUT || ws.reason() == null || !ws.reason().startsWith("asks: ")) {
            return;
        }
        if (announced.add(ws.name() + "\n" + ws.reason())) {
            notices.tell(ws, "is waiting for an answer: \"" + ws.reason().substring("asks: ".length())
                    + "\" (answer in this thread, or '/czar reply " + ws.name() + " <answer>')");
        }
    }

    /** Stops the worker's process group when its workstream was paused, continues it when resumed. */
    private void followPause(Workstream ws, Activity activity, Instant now) {
        RunningWorker worker = activity.worker();
        if (!worker.capabilities().pause()) {
            return; // paused elsewhere (Pauses refuses it for this backend): the worker runs on, its clock too
        }
        if (ws.state() == PAUSED && !activity.paused()) {
            worker.pause();
            activity.paused(now);
            store.note(ws.name(), actor, "worker process group " + worker.pid() + " stopped (SIGSTOP); its stuck clock"
                    + " is frozen until it is resumed");
        } else if (ws.state() != PAUSED && activity.paused()) {
            worker.resume();
            Duration paused = activity.resumed(now);
            store.note(ws.name(), actor, "worker process group " + worker.pid() + " continued (SIGCONT) after "
                    + paused.toSeconds() + "s paused; paused time does not count towards workers.stuck-after");
        }
    }

    private Workstream deliverReplies(Workstream ws, RunningWorker worker) {
        for (WorkerInputs.PendingInput input : store.inputs().pending(ws.name())) {
            try {
                worker.send(input.text());
                store.inputs().markDelivered(input.id());
                store.note(ws.name(), input.fromUser(), "answer written to the worker's stdin: " + input.text());
                if (ws.state() == NEEDS_INPUT) {
                    store.transition(ws.name(), NEEDS_INPUT, RUNNING, input.fromUser(), "answered: " + input.text());
                }
            } catch (IOException e) {
                store.note(ws.name(), actor, "could not write the answer to the worker's stdin: " + e.getMessage());
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
        verify(ws, "worker claimed done in its output: \"" + claim + "\" (workers.done-pattern); " + ended, exited.orElse(null));
    }

    /** The session, last tool call and files of a running agent, stored when they changed (for 'czar workers'). */
    private void saveProgress(String name, Activity activity) {
        WorkerFacts facts = activity.worker().facts();
        if (activity.progressChanged(facts.sessionId() + "|" + facts.lastTool() + "|" + facts.changedCount())) {
            sessions.progress(name, facts.sessionId(), facts.lastTool(), facts.changedCount());
        }
    }

    /** An agent's run ended: its usage is added up, and what its turn came to decides where the workstream goes. */
    private void onTurnEnd(Workstream ws, Activity activity, int code) {
        copies.sync(ws);
        WorkerFacts facts = activity.worker().facts();
        sessions.addUsage(ws.name(), facts.turns(), facts.inputTokens(), facts.outputTokens(), facts.costUsd());
        boolean committed = !git.head(ws.branch()).orElse("").equals(activity.headAtStart());
        TurnOutcomes.Outcome outcome = outcomes.of(facts, code, committed);
        // its events already said what happened; only lines that are not events (stderr) add to that
        String tail = String.join("\n", activity.worker().tail(20).lines().filter(l -> !l.startsWith("{")).toList());
        if (activity.resumed() != null && facts.sessionId() == null && code != 0) {
            sessions.forgetSession(ws.name());
            store.note(ws.name(), actor, "resuming session " + activity.resumed() + " failed (exit " + code
                    + "); the next attempt starts a fresh session with the task");
        }
        if (ws.state() == NEEDS_INPUT && outcome.kind() != TurnOutcomes.Kind.CRASH) {
            // it asked through ask_human (czar mcp) and ended its turn unanswered: the answer resumes the session
            waitForAnswer(ws, ws.reason() == null ? outcome.text() : ws.reason().replaceFirst("^asks: ", ""), code);
            return;
        }
        switch (outcome.kind()) {
            case CLAIM, GATE -> verify(ws, outcome.text(), code);
            case ASKS -> waitForAnswer(ws, outcome.text(), code);
            case CRASH -> retryOrFail(ws, outcome.text(), tail, code);
        }
    }

    /** A turn that ended asking something (or blocked by denied tools): the session waits, without a process. */
    private void waitForAnswer(Workstream ws, String question, int code) {
        if (store.transition(ws.name(), ws.state(), NEEDS_INPUT, actor, "asks: " + question,
                set("exit_code", code, "pid", null, "owner", null, "paused_from", null))) {
            notices.tell(ws, "is waiting for an answer: \"" + question + "\" (answer in this thread, or '/czar reply "
                    + ws.name() + " <answer>'; its session resumes with it)");
        }
    }

    private void onExit(Workstream ws, int code, String tail) {
        copies.sync(ws);
        if (code == 0) {
            verify(ws, "worker exited 0 (a claim of done)", 0);
        } else {
            retryOrFail(ws, "worker exited with code " + code, tail, code);
        }
    }

    /** A claim of done, by exit 0 or in the output: the gate judges it. */
    private void verify(Workstream ws, String claim, Integer exitCode) {
        if (store.transition(ws.name(), ws.state(), VERIFYING, actor, claim + "; checking the Definition of Done",
                set("exit_code", exitCode, "pid", null, "paused_from", null))) {
            gates.start(store.find(ws.name()).orElseThrow());
        }
    }

    private void retryOrFail(Workstream ws, String why, String tail, Integer exitCode) {
        String lastOutput = tail.isBlank() ? "" : "; last output:\n" + tail;
        boolean paused = ws.state() == PAUSED;
        if (ws.attempts() <= config.maxRetries()) {
            Duration backoff = config.retryBackoffDuration().multipliedBy(1L << Math.min(10, ws.attempts() - 1));
            store.transition(ws.name(), ws.state(), paused ? PAUSED : QUEUED, actor, why + "; retry " + ws.attempts()
                            + " of " + config.maxRetries() + " in " + backoff.toMillis() + "ms"
                            + (paused ? " once resumed" : "") + lastOutput,
                    set("exit_code", exitCode, "pid", null, "owner", null, "not_before", clock.instant().plus(backoff),
                            "paused_from", paused ? QUEUED : null));
        } else {
            String reason = why + " on attempt " + ws.attempts() + "; no retries left (workers.max-retries "
                    + config.maxRetries() + ")" + lastOutput;
            if (store.transition(ws.name(), ws.state(), FAILED, actor, reason,
                    set("exit_code", exitCode, "pid", null, "paused_from", null))) {
                notices.tell(ws, "FAILED: " + reason);
            }
        }
    }
}
