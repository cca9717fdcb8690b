package dev.czar.review;

import java.time.Instant;
import java.util.List;

/**
 * One review's result: what every renderer shows and what the store keeps.
 *
 * @param id              row id in the store, {@code 0} before it is stored
 * @param target          what was reviewed ({@code branch feature-x})
 * @param inputHash       SHA-256 of the reviewed content
 * @param mode            {@code offline} or the model that reviewed
 * @param verdict         {@code blocked}, {@code changes_requested}, {@code incomplete}, {@code passed_with_notes}, {@code passed}
 * @param verdictLine     the verdict as one readable line
 * @param findings        merged findings, worst first
 * @param checklist       what a human must still verify
 * @param failedPersonas  personas that failed, timed out or were skipped
 * @param personas        every persona's outcome (findings stripped: they are in {@code findings})
 * @param personaProblems persona files that could not be used, each naming its file
 * @param createdAt       when the review ran
 * @param cached          whether this copy came from the store instead of a fresh run
 */
public record ReviewReport(long id, String target, String inputHash, String mode, String verdict, String verdictLine,
                           List<Finding> findings, List<String> checklist, List<String> failedPersonas,
                           List<PersonaOutcome> personas, List<String> personaProblems, Instant createdAt,
                           boolean cached, List<PersonaReplacement> personaReplacements) {
    public ReviewReport {
        findings = List.copyOf(findings);
        checklist = List.copyOf(checklist);
        failedPersonas = List.copyOf(failedPersonas);
        personas = List.copyOf(personas);
        personaProblems = List.copyOf(personaProblems);
        // reports stored before issue 18 have no replacements recorded
        personaReplacements = personaReplacements == null ? List.of() : List.copyOf(personaReplacements);
    }

    ReviewReport stored(long newId) {
        return new ReviewReport(newId, target, inputHash, mode, verdict, verdictLine, findings, checklist, failedPersonas,
                personas, personaProblems, createdAt, cached, personaReplacements);
    }

    ReviewReport fromCache() {
        return new ReviewReport(id, target, inputHash, mode, verdict, verdictLine, findings, checklist, failedPersonas,
                personas, personaProblems, createdAt, true, personaReplacements);
    }
}
