package dev.czar.workers;

import dev.czar.workers.agents.WorkerEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds one run's {@link WorkerEvent}s into {@link WorkerFacts}, keeping only bounded state: the reading thread
 * applies events, the supervisor takes snapshots.
 */
final class WorkerProgress {
    static final int FILES_KEPT = 50;
    private static final int DENIALS_KEPT = 10;
    private static final int TEXT_CHARS = 4_000;

    private String sessionId;
    private String lastTool;
    private final Set<String> files = new LinkedHashSet<>();
    private int changedCount;
    private long inputTokens;
    private long outputTokens;
    private BigDecimal costUsd;
    private int turns;
    private boolean turnEnded;
    private boolean turnSuccess;
    private String finalText;
    private String lastMessage;
    private final Set<String> denials = new LinkedHashSet<>();
    private String doneClaim;
    private String prompt;
    private Instant lastEventAt;

    WorkerProgress(Instant startedAt) {
        this.lastEventAt = startedAt;
    }

    synchronized void apply(WorkerEvent event, Instant at) {
        lastEventAt = at;
        if (!(event instanceof WorkerEvent.Prompt)) {
            prompt = null; // the worker went on: whatever it asked is no longer its last word
        }
        if (event instanceof WorkerEvent.SessionStarted s) {
            sessionId = s.sessionId();
        } else if (event instanceof WorkerEvent.ToolCall t) {
            lastTool = cut(t.target().isEmpty() ? t.tool() : t.tool() + " " + t.target(), 200);
        } else if (event instanceof WorkerEvent.FileChanged f) {
            changed(f.path());
        } else if (event instanceof WorkerEvent.Usage u) {
            inputTokens += u.inputTokens();
            outputTokens += u.outputTokens();
            if (u.costUsd() != null) {
                costUsd = costUsd == null ? u.costUsd() : costUsd.add(u.costUsd());
            }
        } else if (event instanceof WorkerEvent.Message m) {
            lastMessage = cut(m.text(), TEXT_CHARS);
        } else if (event instanceof WorkerEvent.PermissionDenied d) {
            denied(d);
        } else if (event instanceof WorkerEvent.TurnEnded t) {
            turnEnded = true;
            turnSuccess = t.success();
            finalText = cut(t.text().isBlank() && lastMessage != null ? lastMessage : t.text(), TEXT_CHARS);
            turns += t.turns();
        } else if (event instanceof WorkerEvent.DoneClaim c && doneClaim == null) {
            doneClaim = c.line();
        } else if (event instanceof WorkerEvent.Prompt p) {
            prompt = cut(p.question(), 500);
        }
    }

    /** Files beyond the first few are counted, not named; a set of names remembered would grow with the run. */
    private void changed(String path) {
        if (files.contains(path)) {
            return;
        }
        if (files.size() < FILES_KEPT) {
            files.add(path);
        }
        changedCount++;
    }

    /** The same tool refused twice (its error result, then the run's list of denials) is one denial. */
    private void denied(WorkerEvent.PermissionDenied d) {
        boolean known = denials.stream().anyMatch(x -> x.startsWith(cut(d.tool(), 200) + ":") || x.equals(cut(d.tool(), 200)));
        if (!known && denials.size() < DENIALS_KEPT) {
            denials.add(cut(d.tool(), 200) + (d.detail().isBlank() ? "" : ": " + cut(d.detail(), 200)));
        }
    }

    /** Output no event stands for: still a sign of life for the stuck clock. */
    synchronized void touch(Instant at) {
        lastEventAt = at;
    }

    /** An operator's answer was written to its stdin: the question it stood for is answered. */
    synchronized void answered() {
        prompt = null;
    }

    synchronized WorkerFacts facts() {
        return new WorkerFacts(sessionId, lastTool, new ArrayList<>(files), changedCount, inputTokens, outputTokens,
                costUsd, turns, turnEnded, turnSuccess, finalText, new ArrayList<>(denials), doneClaim, prompt, lastEventAt);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
