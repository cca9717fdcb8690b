package dev.czar.review;

import dev.czar.evidence.git.FilePatch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The added and removed lines of a unified patch, with their line numbers, which is what the offline rules read. */
final class PatchLines {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

    /** One changed line: {@code number} is in the new file for additions, in the old file for removals. */
    record Line(int number, String text) {
    }

    private final List<Line> added = new ArrayList<>();
    private final List<Line> removed = new ArrayList<>();

    private PatchLines() {
    }

    static PatchLines of(FilePatch file) {
        PatchLines lines = new PatchLines();
        int oldLine = 0;
        int newLine = 0;
        boolean inHunk = false;
        for (String raw : file.patch().split("\n", -1)) {
            Matcher hunk = raw.startsWith("@@") ? HUNK.matcher(raw) : null;
            if (hunk != null && hunk.find()) {
                oldLine = Integer.parseInt(hunk.group(1));
                newLine = Integer.parseInt(hunk.group(2));
                inHunk = true;
            } else if (!inHunk || raw.startsWith("\\")) {
                continue; // headers before the first hunk; "\ No newline at end of file"
            } else if (raw.startsWith("+")) {
                lines.added.add(new Line(newLine++, raw.substring(1)));
            } else if (raw.startsWith("-")) {
                lines.removed.add(new Line(oldLine++, raw.substring(1)));
            } else {
                oldLine++;
                newLine++;
            }
        }
        return lines;
    }

    /** {added, removed} line counts, without keeping the lines: summaries of large files need only these. */
    static int[] counts(FilePatch file) {
        int[] counts = new int[2];
        String text = file.patch();
        int start = text.indexOf("\n@@");
        for (int i = start < 0 ? text.length() : start + 1; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '+') {
                counts[0]++;
            } else if (c == '-') {
                counts[1]++;
            }
            int next = text.indexOf('\n', i);
            i = next < 0 ? text.length() : next + 1;
        }
        return counts;
    }

    List<Line> added() {
        return added;
    }

    List<Line> removed() {
        return removed;
    }
}
