package dev.czar.digest;

import java.util.List;

/**
 * One section of a digest.
 *
 * @param title   e.g. "Workstreams"
 * @param lines   what changed or needs attention
 * @param note    shown instead of lines when there are none: "not configured", "nothing new"
 * @param news    whether the section has something new since the last digest
 */
public record DigestSection(String title, List<DigestLine> lines, String note, boolean news) {
    public DigestSection {
        lines = List.copyOf(lines);
    }

    static DigestSection quiet(String title, String note) {
        return new DigestSection(title, List.of(), note, false);
    }
}
