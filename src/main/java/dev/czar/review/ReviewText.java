package dev.czar.review;

import java.util.List;
import java.util.Locale;

/**
 * Renders a report as Markdown ({@code --out report.md}, and the sections chat front doors post) or as plain
 * terminal text. Both show every persona's status, so a persona that did not finish is never read as a pass.
 */
public final class ReviewText {
    private ReviewText() {
    }

    /** Markdown: headings per severity, a persona table, the checklist as task boxes. */
    public static String markdown(ReviewReport r) {
        StringBuilder out = new StringBuilder();
        out.append("# Review of ").append(r.target()).append("\n\n");
        out.append("**Verdict: ").append(r.verdictLine()).append("**\n\n");
        out.append(meta(r)).append("\n\n");
        for (Severity severity : Severity.values()) {
            List<Finding> group = r.findings().stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.append("## ").append(capital(severity.label())).append(" (").append(group.size()).append(")\n\n");
            for (Finding f : group) {
                out.append("- **").append(f.title()).append("**");
                if (!f.location().isEmpty()) {
                    out.append(" — `").append(f.location()).append('`');
                }
                out.append(" _(").append(String.join(", ", f.personas())).append(")_");
                if (!f.mitigation().isBlank()) {
                    out.append("\n  - Mitigation: ").append(f.mitigation());
                }
                out.append('\n');
            }
            out.append('\n');
        }
        if (r.findings().isEmpty()) {
            out.append("No findings.\n\n");
        }
        out.append("## Personas\n\n| persona | status | note |\n|---|---|---|\n");
        for (PersonaOutcome p : r.personas()) {
            out.append("| ").append(p.persona()).append(" | ").append(status(p)).append(" | ")
                    .append(p.reason().replace("|", "\\|")).append(" |\n");
        }
        replacements(r, out, "\n_Repository personas replacing shipped ones: ", "_\n");
        List<String> questions = r.personas().stream().flatMap(p -> p.questions().stream().map(q -> q + " _(" + p.persona() + ")_")).toList();
        if (!questions.isEmpty()) {
            out.append("\n## Questions for the author\n\n");
            questions.forEach(q -> out.append("- ").append(q).append('\n'));
        }
        out.append("\n## Human verification checklist\n\n");
        r.checklist().forEach(item -> out.append("- [ ] ").append(item).append('\n'));
        problems(r, out, "\n_Persona files skipped: ", "_\n");
        return out.toString();
    }

    /** Plain text for a terminal or a chat reply: one line per finding, worst first. */
    public static String terminal(ReviewReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Review of ").append(r.target()).append(": ").append(r.verdictLine()).append('\n');
        out.append(meta(r)).append('\n');
        for (Severity severity : Severity.values()) {
            List<Finding> group = r.findings().stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.append('\n').append(severity.label().toUpperCase(Locale.ROOT)).append(" (").append(group.size()).append(")\n");
            for (Finding f : group) {
                out.append("  - ").append(f.title());
                if (!f.location().isEmpty()) {
                    out.append("  [").append(f.location()).append(']');
                }
                out.append("  (").append(String.join(", ", f.personas())).append(")\n");
                if (!f.mitigation().isBlank()) {
                    out.append("      fix: ").append(f.mitigation()).append('\n');
                }
            }
        }
        if (r.findings().isEmpty()) {
            out.append("\nNo findings.\n");
        }
        out.append("\nPersonas: ");
        out.append(String.join(", ", r.personas().stream().map(p -> p.persona() + " " + status(p)
                + (p.reason().isEmpty() ? "" : " (" + p.reason() + ")")).toList())).append('\n');
        replacements(r, out, "Repository personas replacing shipped ones: ", "\n");
        List<String> questions = r.personas().stream().flatMap(p -> p.questions().stream().map(q -> q + " (" + p.persona() + ")")).toList();
        if (!questions.isEmpty()) {
            out.append("\nQuestions for the author:\n");
            questions.forEach(q -> out.append("  ? ").append(q).append('\n'));
        }
        out.append("\nA human must still verify:\n");
        r.checklist().forEach(item -> out.append("  [ ] ").append(item).append('\n'));
        problems(r, out, "\nPersona files skipped: ", "\n");
        return out.toString().stripTrailing();
    }

    private static String meta(ReviewReport r) {
        return "review #" + r.id() + " · " + r.mode() + (r.cached() ? " · cached result (use --fresh to re-run)" : "")
                + " · input " + r.inputHash().substring(0, 12);
    }

    private static String status(PersonaOutcome p) {
        return switch (p.status()) {
            case PersonaOutcome.OK -> "reviewed";
            case PersonaOutcome.OFFLINE -> "reviewed (offline rules)";
            case PersonaOutcome.TIMED_OUT -> "TIMED OUT";
            case PersonaOutcome.SKIPPED -> "SKIPPED";
            default -> "FAILED";
        };
    }

    private static void replacements(ReviewReport r, StringBuilder out, String prefix, String suffix) {
        if (!r.personaReplacements().isEmpty()) {
            out.append(prefix).append(String.join("; ", r.personaReplacements().stream().map(PersonaReplacement::describe)
                    .toList())).append(suffix);
        }
    }

    private static void problems(ReviewReport r, StringBuilder out, String prefix, String suffix) {
        if (!r.personaProblems().isEmpty()) {
            out.append(prefix).append(String.join("; ", r.personaProblems())).append(suffix);
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
