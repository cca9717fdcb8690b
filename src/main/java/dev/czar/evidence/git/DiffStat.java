package dev.czar.evidence.git;

import java.util.List;
import java.util.Optional;

/**
 * The diffstat of {@code git diff base..branch}: the two trees compared directly (two-dot), so changes
 * that landed on base after the branch forked show up too, exactly as the CLI reports them.
 *
 * @param neededRenameLimit 0 when renames were detected as git would; otherwise git skipped inexact rename detection
 *                          (too many candidates for {@code diff.renameLimit}) and this is the limit it would suggest
 */
public record DiffStat(BranchInfo base, BranchInfo branch, List<FileChange> files, int neededRenameLimit) {
    public DiffStat {
        files = List.copyOf(files);
    }

    public DiffStat(BranchInfo base, BranchInfo branch, List<FileChange> files) {
        this(base, branch, files, 0);
    }

    public int insertions() {
        return files.stream().mapToInt(FileChange::added).sum();
    }

    public int deletions() {
        return files.stream().mapToInt(FileChange::deleted).sum();
    }

    /** git's own warning when it skipped inexact rename detection, with the limit it suggests; empty otherwise. */
    public Optional<String> renameWarning() {
        if (neededRenameLimit == 0) {
            return Optional.empty();
        }
        return Optional.of("inexact rename detection was skipped due to too many files, as git does"
                + " (set diff.renameLimit to at least " + neededRenameLimit + " to detect them)");
    }
}
