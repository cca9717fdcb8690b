package dev.czar.evidence.git;

import java.util.List;
import java.util.Optional;

/**
 * The diffstat of {@code git diff base..branch}: the two trees compared directly (two-dot), so changes
 * that landed on base after the branch forked show up too, exactly as the CLI reports them.
 *
 * @param neededRenameLimit 0 when renames were detected as git would; otherwise git skipped inexact rename detection
 *                          (too many candidates for {@code diff.renameLimit}) and this is the limit it would suggest
 * @param linesByGit        true when the git executable counted the lines (exactly git's figures); false when JGit
 *                          did, without git on the machine (its Myers diff can pair lines differently on some files)
 */
public record DiffStat(BranchInfo base, BranchInfo branch, List<FileChange> files, int neededRenameLimit,
                       boolean linesByGit) {
    public DiffStat {
        files = List.copyOf(files);
    }

    public DiffStat(BranchInfo base, BranchInfo branch, List<FileChange> files) {
        this(base, branch, files, 0, true);
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

    /** What a reader must know to compare these figures with git's: the rename warning, how lines were counted. */
    public List<String> notes() {
        List<String> notes = new java.util.ArrayList<>();
        renameWarning().ifPresent(notes::add);
        if (!linesByGit && !files.isEmpty()) {
            notes.add("lines counted by JGit (no git executable; git.executable): its Myers diff can pair lines"
                    + " differently from git's on some files, so +/- may differ from git's");
        }
        return notes;
    }
}
