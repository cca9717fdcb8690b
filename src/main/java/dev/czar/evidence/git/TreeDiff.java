package dev.czar.evidence.git;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts {@code git diff A B} as {@code --numstat} does: files paired by {@link RenameDetection}, lines by Myers
 * (git's default algorithm), a file binary when a NUL byte is in its first 8,000 bytes (git's buffer_is_binary),
 * a submodule as its one "Subproject commit" line, a symlink as its target, a mode-only change as a file with no lines.
 * One object reader serves the whole diff.
 */
final class TreeDiff {
    private static final int BINARY_PROBE = 8000;

    /** The counted files and, when inexact renames were skipped, the limit git would suggest (else 0). */
    record Result(List<FileChange> files, int neededLimit) {
    }

    private final ObjectReader reader;
    private final DiffRules rules;

    TreeDiff(ObjectReader reader, DiffRules rules) {
        this.reader = reader;
        this.rules = rules;
    }

    Result diff(RevTree from, RevTree to) throws IOException {
        RenameDetection.Result paired = new RenameDetection(reader, rules).apply(changes(from, to));
        List<FileChange> files = new ArrayList<>(paired.changes().size());
        for (Change c : paired.changes()) {
            files.add(count(c));
        }
        return new Result(files, paired.neededLimit());
    }

    private List<Change> changes(RevTree from, RevTree to) throws IOException {
        List<Change> changes = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.addTree(from);
            walk.addTree(to);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (walk.next()) {
                FileMode oldMode = walk.getFileMode(0);
                FileMode newMode = walk.getFileMode(1);
                String path = walk.getPathString();
                ObjectId oldId = oldMode == FileMode.MISSING ? null : walk.getObjectId(0);
                ObjectId newId = newMode == FileMode.MISSING ? null : walk.getObjectId(1);
                String kind = oldMode == FileMode.MISSING ? Change.ADD : newMode == FileMode.MISSING ? Change.DELETE : Change.MODIFY;
                changes.add(new Change(kind, kind.equals(Change.ADD) ? path : path, path, oldMode, newMode, oldId, newId));
            }
        }
        return changes;
    }

    private FileChange count(Change c) throws IOException {
        String oldPath = c.kind().equals(Change.ADD) ? c.path() : c.oldPath();
        if (c.oldId() != null && c.oldId().equals(c.newId())) {
            return new FileChange(c.path(), oldPath, c.kind(), 0, 0, false); // pure rename or mode change
        }
        byte[] before = content(c.oldMode(), c.oldId());
        byte[] after = content(c.newMode(), c.newId());
        if (binary(before) || binary(after)) {
            return new FileChange(c.path(), oldPath, c.kind(), 0, 0, true);
        }
        int added = 0;
        int deleted = 0;
        for (Edit edit : MyersDiff.INSTANCE.diff(RawTextComparator.DEFAULT, new RawText(before), new RawText(after))) {
            added += edit.getLengthB();
            deleted += edit.getLengthA();
        }
        return new FileChange(c.path(), oldPath, c.kind(), added, deleted, false);
    }

    private byte[] content(FileMode mode, ObjectId id) throws IOException {
        if (id == null) {
            return new byte[0];
        }
        if (mode == FileMode.GITLINK) {
            return ("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        return reader.open(id).getCachedBytes(Integer.MAX_VALUE);
    }

    /** git's buffer_is_binary: a NUL byte among the first 8,000. */
    static boolean binary(byte[] content) {
        int end = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
