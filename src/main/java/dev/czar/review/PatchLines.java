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

    /** One line of one side of the change as the patch shows it (changed or context), with its hunk's index. */
    record SideLine(int hunk, int number, String text, boolean changed) {
    }

    private final List<Line> added = new ArrayList<>();
    private final List<Line> removed = new ArrayList<>();
    private final List<SideLine> before = new ArrayList<>();
    private final List<SideLine> after = new ArrayList<>();

    private PatchLines() {
    }

    static PatchLines of(FilePatch file) {
        PatchLines lines = new PatchLines();
        int oldLine = 0;
        int newLine = 0;
        boolean inHunk = false;
        int hunks = 0;
        for (String raw : file.patch().split("\n", -1)) {
            Matcher hunk = raw.startsWith("@@") ? HUNK.matcher(raw) : null;
            if (hunk != null && hunk.find()) {
                oldLine = Integer.parseInt(hunk.group(1));
                newLine = Integer.parseInt(hunk.group(2));
                inHunk = true;
                hunks++;
            } else if (!inHunk || raw.startsWith("\\")) {
                continue; // headers before the first hunk; "\ No newline at end of file"
            } else if (raw.startsWith("+")) {
                lines.after.add(new SideLine(hunks, newLine, raw.substring(1), true));
                lines.added.add(new Line(newLine++, raw.substring(1)));
            } else if (raw.startsWith("-")) {
                lines.before.add(new SideLine(hunks, oldLine, raw.substring(1), true));
                lines.removed.add(new Line(oldLine++, raw.substring(1)));
            } else if (!raw.isEmpty()) { // context; the empty string is what follows the patch's last newline
                String text = raw.substring(1);
                lines.before.add(new SideLine(hunks, oldLine++, text, false));
                lines.after.add(new SideLine(hunks, newLine++, text, false));
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

    /** The old version of the lines the patch shows: context and removed lines, in order. */
    List<SideLine> before() {
        return before;
    }

    /** The new version of the lines the patch shows: context and added lines, in order. */
    List<SideLine> after() {
        return after;
    }
}
