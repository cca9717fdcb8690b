package dev.czar.workers;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * (task, change) pairs from a real repository's history for the task-fit evaluation: each commit's message is the
 * task and its diff (written as {@code git diff} would, read back through {@link UnifiedDiff}, the parser of
 * {@code czar fit --diff}) is the change. Commits are walked first-parent from a revision, newest first.
 * <p>
 * Filter: merges, commits by bots (dependabot, renovate, pre-commit-ci, github-actions, any "[bot]"), version bumps
 * and release commits (subject starting "bump", "release", "prepare", "version", "changelog", "merge", or a version
 * number; or starting "upgrade"/"update" (after an optional "chore:" tag) and naming a version number, dependencies,
 * "version" or a wrapper), subjects of fewer than three words, and diffs of fewer than 3 or more than 600 changed lines or more than
 * 25 files are skipped.
 */
final class HistoryPairs {
    private static final Pattern BOT = Pattern.compile("(?i)\\[bot]|dependabot|renovate|pre-commit-ci|github-actions");
    private static final Pattern RELEASE = Pattern.compile(
            "(?i)^(bump|release|prepare|version|changelog|update changelog|merge)\\b|^v?\\d+\\.\\d+");
    /** "Upgrade to Spring Boot 4.0.1", "chore: Update dependencies", "Upgrading gradle wrapper": version bumps too. */
    private static final Pattern UPGRADE = Pattern.compile(
            "(?i)^(\\w+(\\(\\w+\\))?:\\s*)?(bump|upgrad\\w*|updat\\w*)\\b.*(\\d+\\.\\d+|dependenc|\\bdeps?\\b|version|wrapper)");
    private static final Pattern TRAILER = Pattern.compile("(?m)^(Signed-off-by|Co-authored-by|Reviewed-by|Change-Id): .*$");

    /** One commit: its short sha, its message (the task) and its change (no message in it). */
    record Pair(String sha, String task, ChangeSummary change) {
    }

    /**
     * The pairs, newest first, and the messages of up to 2,000 commits older than all of them: what task fit learns
     * word rarity from, as czar does from main's history, without seeing the evaluated messages.
     */
    record History(List<Pair> pairs, List<String> older) {
    }

    private HistoryPairs() {
    }

    /** Up to {@code count} qualifying commits from {@code rev} backwards, after skipping the first {@code skip}. */
    static History read(Path repoDir, String rev, int skip, int count) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        List<String> older = new ArrayList<>();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir(repoDir)).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            ObjectId start = repo.resolve(rev + "^{commit}");
            if (start == null) {
                throw new IllegalArgumentException("no commit " + rev + " in " + repoDir);
            }
            RevCommit commit = walk.parseCommit(start);
            int skipped = 0;
            while (commit != null && pairs.size() < count) {
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                if (parent != null && qualifies(commit)) {
                    ChangeSummary change = change(repo, parent, commit);
                    int lines = change.addedLines() + change.removedLines();
                    if (lines >= 3 && lines <= 600 && change.changes().size() <= 25) {
                        if (skipped++ >= skip) {
                            pairs.add(new Pair(commit.abbreviate(10).name(), task(commit), change));
                        }
                    }
                }
                commit = parent;
            }
            for (; commit != null && older.size() < 2_000; commit = commit.getParentCount() == 0 ? null
                    : walk.parseCommit(commit.getParent(0))) {
                older.add(commit.getFullMessage());
            }
        }
        return new History(pairs, older);
    }

    private static java.io.File gitDir(Path dir) {
        Path dotGit = dir.resolve(".git");
        return (java.nio.file.Files.isDirectory(dotGit) ? dotGit : dir).toFile();
    }

    private static boolean qualifies(RevCommit c) {
        String who = c.getAuthorIdent().getName() + " " + c.getAuthorIdent().getEmailAddress() + " "
                + c.getCommitterIdent().getName();
        String subject = c.getShortMessage().strip();
        return c.getParentCount() == 1 && !BOT.matcher(who).find() && !RELEASE.matcher(subject).find() && !UPGRADE.matcher(subject).find()
                && subject.split("\\s+").length >= 3;
    }

    private static String task(RevCommit c) {
        return TRAILER.matcher(c.getFullMessage()).replaceAll("").strip();
    }

    private static ChangeSummary change(Repository repo, RevCommit parent, RevCommit commit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter diff = new DiffFormatter(out)) {
            diff.setRepository(repo);
            diff.format(parent.getTree(), commit.getTree());
        }
        byte[] bytes = out.toByteArray();
        return bytes.length == 0 ? new ChangeSummary(List.of(), List.of()) : UnifiedDiff.parse(bytes);
    }
}
