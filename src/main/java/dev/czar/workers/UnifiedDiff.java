package dev.czar.workers;

import dev.czar.UserError;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.HunkHeader;
import org.eclipse.jgit.patch.Patch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a unified diff as {@code git diff} or {@code git format-patch} writes it into a {@link ChangeSummary}: the
 * files (JGit's patch parser), their added lines with new-side numbers and removed lines, and, for format-patch
 * mails, each commit's message (the Subject without its "[PATCH n/m]" tag, then the body up to "---").
 */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    /** @throws UserError when the text holds no file change */
    public static ChangeSummary parse(byte[] diff) {
        Patch patch = new Patch();
        patch.parse(diff, 0, diff.length);
        List<BranchFacts.Change> changes = new ArrayList<>();
        for (FileHeader file : patch.getFiles()) {
            changes.add(change(file));
        }
        if (changes.isEmpty()) {
            throw new UserError("no file changes found: give a unified diff as 'git diff' or 'git format-patch' writes it");
        }
        return new ChangeSummary(messages(new String(diff, StandardCharsets.UTF_8)), changes);
    }

    private static BranchFacts.Change change(FileHeader file) {
        String path = file.getChangeType() == DiffEntry.ChangeType.DELETE ? file.getOldPath() : file.getNewPath();
        List<String> added = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (HunkHeader hunk : file.getHunks()) {
            String body = new String(hunk.getBuffer(), hunk.getStartOffset(), hunk.getEndOffset() - hunk.getStartOffset(),
                    StandardCharsets.UTF_8);
            int line = hunk.getNewStartLine();
            for (String text : body.lines().skip(1).toList()) { // the first line is the "@@ -a,b +c,d @@" header
                if (text.startsWith("+")) {
                    added.add(text.substring(1));
                    numbers.add(line++);
                } else if (text.startsWith("-")) {
                    removed.add(text.substring(1));
                } else if (text.startsWith(" ") || text.isEmpty()) {
                    line++;
                }
            }
        }
        return new BranchFacts.Change(path, added, numbers, removed);
    }

    /** Commit messages of a format-patch series, newest first like a branch's log; none for a plain diff. */
    static List<String> messages(String text) {
        List<String> messages = new ArrayList<>();
        StringBuilder message = null;
        boolean headers = false;
        boolean subject = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("From ") && line.matches("From [0-9a-f]{7,40} .*")) {
                message = new StringBuilder();
                headers = true;
            } else if (message == null) {
                continue;
            } else if (headers && line.startsWith("Subject: ")) {
                message.append(line.substring(9).replaceFirst("^\\[PATCH[^]]*]\\s*", ""));
                subject = true;
            } else if (headers && subject && line.startsWith(" ")) {
                message.append(line); // a folded Subject header
            } else if (headers && line.isEmpty()) {
                headers = false;
                subject = false;
                message.append("\n");
            } else if (headers) {
                subject = false;
            } else if (line.equals("---") || line.startsWith("diff --git ")) {
                messages.add(0, message.toString().strip());
                message = null;
            } else {
                message.append("\n").append(line);
            }
        }
        return messages;
    }
}
