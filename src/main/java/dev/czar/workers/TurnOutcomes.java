package dev.czar.workers;

import dev.czar.config.WorkersConfig;

import java.util.regex.Pattern;

/**
 * What an agent's finished turn comes to. A claim of done in its final message, or an exit 0 with commits, goes to
 * the Definition of Done gate; a turn without commits and without a claim whose tools were denied, or whose final
 * message asks something, waits for a human (never a false claim, never a fix round); any other exit 0 is a claim
 * the gate judges; a failure is a crash (retried).
 */
final class TurnOutcomes {
    enum Kind { CLAIM, GATE, ASKS, CRASH }

    record Outcome(Kind kind, String text) {
    }

    private final Pattern done;

    TurnOutcomes(WorkersConfig config) {
        this.done = config.doneClaims() ? Pattern.compile(config.donePattern()) : null;
    }

    Outcome of(WorkerFacts facts, int exitCode, boolean committed) {
        String claim = claim(facts.finalText());
        if (facts.turnEnded() && facts.turnSuccess() && claim != null) {
            return new Outcome(Kind.CLAIM, "the agent claimed done in its final message: \"" + claim + "\"");
        }
        if (exitCode == 0 && committed) {
            return new Outcome(Kind.GATE, "the agent exited 0 with new commits (a claim of done)");
        }
        if (!committed && !facts.denials().isEmpty()) {
            return new Outcome(Kind.ASKS, "its tools were denied: " + String.join("; ", facts.denials())
                    + " (allow them in workers.agents.<agent>.args, or answer with what to do instead)"
                    + (facts.finalText() == null || facts.finalText().isBlank() ? "" : "; it said: "
                    + TurnQuestion.question(facts.finalText())));
        }
        if (!committed && facts.turnEnded() && facts.turnSuccess() && TurnQuestion.asks(facts.finalText())) {
            return new Outcome(Kind.ASKS, TurnQuestion.question(facts.finalText()));
        }
        if (exitCode == 0) {
            return new Outcome(Kind.GATE, "the agent exited 0 (a claim of done)");
        }
        String said = facts.turnEnded() && facts.finalText() != null && !facts.finalText().isBlank()
                ? ": " + TurnQuestion.question(facts.finalText()) : "";
        return new Outcome(Kind.CRASH, "the agent exited with code " + exitCode + said);
    }

    /** The first line of the final message matching workers.done-pattern, or {@code null}. */
    private String claim(String finalText) {
        if (done == null || finalText == null) {
            return null;
        }
        return finalText.lines().filter(l -> done.matcher(l).find()).map(String::strip).findFirst().orElse(null);
    }
}
