package dev.czar.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns persona outcomes into one report: near-duplicate findings merged (keeping every persona that raised
 * them), a verdict that is never clean while a persona failed, and the checklist of what only a human can confirm.
 */
public final class ReviewAggregator {
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "from", "this", "that", "its", "into",
            "not", "without", "are", "was", "has", "have", "been", "new", "added", "use", "uses");
    /** Share of title words two findings must have in common to be one finding. */
    static final double SAME_TITLE = 0.5;
    /** Lines apart that still count as the same place. */
    static final int SAME_PLACE = 5;
    /** The {@link Finding#rule()} of findings a language model returned. */
    static final String MODEL = "model";

    private ReviewAggregator() {
    }

    public static ReviewReport aggregate(String target, String inputHash, String mode, List<Persona> personas,
                                         List<PersonaOutcome> outcomes, List<String> personaProblems, Instant now) {
        return aggregate(target, inputHash, mode, personas, outcomes, personaProblems, List.of(), now);
    }

    /** @param replacements repository personas among {@code personas} that replace shipped ones */
    public static ReviewReport aggregate(String target, String inputHash, String mode, List<Persona> personas,
                                         List<PersonaOutcome> outcomes, List<String> personaProblems,
                                         List<PersonaReplacement> replacements, Instant now) {
        List<Finding> findings = merge(outcomes.stream().flatMap(o -> o.findings().stream()).toList());
        List<String> failed = outcomes.stream().filter(PersonaOutcome::failed).map(PersonaOutcome::persona).toList();
        String verdict = verdict(findings, failed);
        List<PersonaOutcome> summaries = outcomes.stream().map(o -> new PersonaOutcome(o.persona(), o.status(), o.reason(),
                List.of(), o.questions(), o.confidence())).toList();
        return new ReviewReport(0, target, inputHash, mode, verdict, verdictLine(verdict, findings, failed, replacements),
                findings, checklist(personas, outcomes, findings), failed, summaries, personaProblems, now, false, replacements);
    }

    /** Merges other personas' findings at the same place whose titles share most words; keeps the worst severity. */
    static List<Finding> merge(List<Finding> all) {
        List<Finding> merged = new ArrayList<>();
        for (Finding next : all) {
            int same = -1;
            for (int i = 0; i < merged.size() && same < 0; i++) {
                if (nearDuplicate(merged.get(i), next)) {
                    same = i;
                }
            }
            if (same < 0) {
                merged.add(next);
            } else {
                merged.set(same, combine(merged.get(same), next));
            }
        }
        merged.sort(Comparator.comparing(Finding::severity)
                .thenComparing(f -> f.file() == null ? "" : f.file())
                .thenComparing(f -> f.line() == null ? 0 : f.line()));
        return merged;
    }

    /**
     * Same place, mostly the same words. Two rule findings of one persona are never merged: its rules report distinct
     * things by design (an access key id and its secret key on adjacent lines); a model repeating a rule is merged.
     */
    static boolean nearDuplicate(Finding a, Finding b) {
        boolean bothRules = !MODEL.equals(a.rule()) && !MODEL.equals(b.rule());
        if (bothRules && a.personas().stream().anyMatch(b.personas()::contains)) {
            return false;
        }
        if (a.file() == null ? b.file() != null : !a.file().equals(b.file())) {
            return false;
        }
        if (a.line() != null && b.line() != null && Math.abs(a.line() - b.line()) > SAME_PLACE) {
            return false;
        }
        Set<String> x = words(a.title());
        Set<String> y = words(b.title());
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        long common = x.stream().filter(y::contains).count();
        return (double) common / (x.size() + y.size() - common) >= SAME_TITLE;
    }

    private static Finding combine(Finding kept, Finding other) {
        Set<String> personas = new LinkedHashSet<>(kept.personas());
        personas.addAll(other.personas());
        Finding worse = other.severity().compareTo(kept.severity()) < 0 ? other : kept;
        return new Finding(List.copyOf(personas), worse.severity(), worse.title(), kept.file(),
                kept.line() != null ? kept.line() : other.line(),
                !worse.mitigation().isBlank() ? worse.mitigation() : kept.mitigation().isBlank() ? other.mitigation() : kept.mitigation(),
                worse.rule());
    }

    private static Set<String> words(String title) {
        return java.util.Arrays.stream(title.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> w.length() > 2 && !STOP.contains(w))
                .map(w -> w.endsWith("s") && w.length() > 4 ? w.substring(0, w.length() - 1) : w)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String verdict(List<Finding> findings, List<String> failed) {
        if (findings.stream().anyMatch(f -> f.severity() == Severity.BLOCKER)) {
            return "blocked";
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.MAJOR)) {
            return "changes_requested";
        }
        if (!failed.isEmpty()) {
            return "incomplete"; // a persona that did not finish is never a pass
        }
        return findings.isEmpty() ? "passed" : "passed_with_notes";
    }

    private static String verdictLine(String verdict, List<Finding> findings, List<String> failed,
                                      List<PersonaReplacement> replacements) {
        String line = verdictLine(verdict, findings, failed);
        for (PersonaReplacement r : replacements) {
            if (r.weaker()) {
                // a verdict reached with fewer rules than czar ships must say so where it is read
                line += "; WARNING: " + r.describe() + ", fewer offline rules than the shipped persona";
            }
        }
        return line;
    }

    private static String verdictLine(String verdict, List<Finding> findings, List<String> failed) {
        Map<Severity, Long> counts = findings.stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        String tally = java.util.Arrays.stream(Severity.values()).filter(counts::containsKey)
                .map(s -> counts.get(s) + " " + s.label()).collect(Collectors.joining(", "));
        String head = switch (verdict) {
            case "blocked" -> "BLOCKED: do not merge";
            case "changes_requested" -> "CHANGES REQUESTED";
            case "incomplete" -> "INCOMPLETE: not every persona finished";
            case "passed_with_notes" -> "PASSED WITH NOTES";
            default -> "PASSED: no findings";
        };
        String line = head + (tally.isEmpty() ? "" : " (" + tally + ")");
        return failed.isEmpty() ? line : line + "; not reviewed: " + String.join(", ", failed);
    }

    private static List<String> checklist(List<Persona> personas, List<PersonaOutcome> outcomes, List<Finding> findings) {
        Set<String> items = new LinkedHashSet<>();
        for (PersonaOutcome outcome : outcomes) {
            if (outcome.failed()) {
                items.add("Review the " + outcome.persona() + " perspective by hand: its review "
                        + outcome.status().replace('_', ' ') + (outcome.reason().isEmpty() ? "" : " (" + outcome.reason() + ")"));
            }
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.BLOCKER)) {
            items.add("Confirm every blocker is fixed, then re-run the review with --fresh");
        }
        for (Persona persona : personas) {
            items.addAll(persona.checklist());
        }
        return List.copyOf(items);
    }
}
