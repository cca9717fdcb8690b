package dev.czar.workers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the supervisor knows about one running worker, from its events (see
 * {@link dev.czar.workers.agents.WorkerEvent}); a snapshot.
 *
 * @param sessionId    the agent's session, what a later turn resumes; {@code null} for plain programs
 * @param lastTool     the last tool call, e.g. "Edit src/Login.java" or "Bash ./mvnw test"; {@code null} before one
 * @param filesChanged files the agent wrote (the first {@value WorkerProgress#FILES_KEPT} named)
 * @param changedCount how many distinct files it wrote
 * @param costUsd      {@code null} when the agent reports no cost
 * @param turnEnded    whether the agent reported the end of its turn; {@code turnSuccess} and {@code finalText} say how
 * @param denials      tools it was refused ("Bash(curl …)"), distinct, the first few
 * @param doneClaim    plain programs: the line claiming done; {@code null} otherwise
 * @param prompt       plain programs: the question their output currently ends with; {@code null} otherwise
 * @param lastEventAt  when it last reported anything (its start before that)
 */
public record WorkerFacts(String sessionId, String lastTool, List<String> filesChanged, int changedCount,
                          long inputTokens, long outputTokens, BigDecimal costUsd, int turns, boolean turnEnded,
                          boolean turnSuccess, String finalText, List<String> denials, String doneClaim, String prompt,
                          Instant lastEventAt) {
    public WorkerFacts {
        filesChanged = List.copyOf(filesChanged);
        denials = List.copyOf(denials);
    }
}
