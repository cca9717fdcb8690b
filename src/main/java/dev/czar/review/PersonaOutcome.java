package dev.czar.review;

import java.util.List;

/**
 * How one persona's review ended.
 *
 * @param persona    persona name
 * @param status     {@code ok}, {@code offline} (rules only, no model), {@code failed}, {@code timed_out} or {@code skipped}
 * @param reason     why it failed, timed out or was skipped; empty otherwise
 * @param findings   what it found (rule findings are kept even when the model part failed)
 * @param questions  follow-up questions for the author
 * @param confidence the model's confidence, or {@code null} when no model answered
 */
public record PersonaOutcome(String persona, String status, String reason, List<Finding> findings, List<String> questions,
                             Double confidence) {
    public static final String OK = "ok";
    public static final String OFFLINE = "offline";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed_out";
    public static final String SKIPPED = "skipped";

    public PersonaOutcome {
        reason = reason == null ? "" : reason;
        findings = List.copyOf(findings);
        questions = List.copyOf(questions);
    }

    /** True for every outcome that is not a completed review: such a persona is never counted as a pass. */
    public boolean failed() {
        return !OK.equals(status) && !OFFLINE.equals(status);
    }
}
