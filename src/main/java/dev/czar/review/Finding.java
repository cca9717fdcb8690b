package dev.czar.review;

import java.util.List;

/**
 * One problem a review found.
 *
 * @param personas   every persona that raised it (several when near-duplicates were merged)
 * @param severity   how bad it is
 * @param title      one line naming the problem; never quotes a secret
 * @param file       path it applies to, or {@code null} for the change as a whole
 * @param line       line in the new version of {@code file}, or {@code null}
 * @param mitigation what to do about it
 * @param rule       offline rule id that produced it, or {@code "model"} for a language model finding
 */
public record Finding(List<String> personas, Severity severity, String title, String file, Integer line,
                      String mitigation, String rule) {
    public Finding {
        personas = List.copyOf(personas);
        mitigation = mitigation == null ? "" : mitigation;
    }

    static Finding of(String persona, Severity severity, String title, String file, Integer line, String mitigation,
                      String rule) {
        return new Finding(List.of(persona), severity, title, file, line, mitigation, rule);
    }

    /** Where it applies, as {@code file:line}, {@code file}, or empty. */
    public String location() {
        if (file == null) {
            return "";
        }
        return line == null ? file : file + ":" + line;
    }
}
