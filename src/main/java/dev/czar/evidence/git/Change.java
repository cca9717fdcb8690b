package dev.czar.evidence.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One file pair of a tree diff before it is counted: what git calls a diff_filepair. A side that does not exist has
 * {@link FileMode#MISSING} and a null id.
 */
record Change(String kind, String oldPath, String newPath, FileMode oldMode, FileMode newMode, ObjectId oldId,
              ObjectId newId) {
    static final String ADD = "ADD";
    static final String DELETE = "DELETE";
    static final String MODIFY = "MODIFY";
    static final String RENAME = "RENAME";
    static final String COPY = "COPY";

    static Change paired(String kind, Change source, Change destination) {
        return new Change(kind, source.oldPath, destination.newPath, source.oldMode, destination.newMode,
                source.oldId, destination.newId);
    }

    /** The path git names the file by: the new path, or the old one for a deletion. */
    String path() {
        return kind.equals(DELETE) ? oldPath : newPath;
    }

    static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    static boolean isSymlink(FileMode mode) {
        return mode == FileMode.SYMLINK;
    }
}
