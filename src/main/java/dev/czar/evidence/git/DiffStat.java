package dev.czar.evidence.git;

import java.util.List;

/**
 * The diffstat of {@code git diff base..branch}: the two trees compared directly (two-dot), so changes
 * that landed on base after the branch forked show up too, exactly as the CLI reports them.
 */
public record DiffStat(BranchInfo base, BranchInfo branch, List<FileChange> files) {
    public DiffStat {
        files = List.copyOf(files);
    }

    public int insertions() {
        return files.stream().mapToInt(FileChange::added).sum();
    }

    public int deletions() {
        return files.stream().mapToInt(FileChange::deleted).sum();
    }
}
