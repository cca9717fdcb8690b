package dev.czar.evidence.git;

import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;

import java.time.Instant;
import java.util.List;

/**
 * The git facts answers rest on, each read through the answer's {@link EvidenceLog} under one tool name and cited
 * with the commits it stands on (issue 22: one service per topic). The offline answers and the model's git tools are
 * both renderers over these calls, so the same question records the same calls and cites the same commits
 * whichever path answers it. Lists the caller shows only in part are cited by the caller, item by item, with
 * {@link #cite}.
 */
public final class GitFacts {
    private final GitEvidence git;

    public GitFacts(GitEvidence git) {
        this.git = git;
    }

    /** Where {@code branch} stands against main ({@code git.branch_status}); cites both heads. */
    public BranchStatus status(String branch, EvidenceLog log) {
        return cited(log.call("git.branch_status", () -> git.status(branch)), log);
    }

    /** The same standing, asked as "is it merged?" ({@code git.merged}); cites both heads. */
    public BranchStatus merged(String branch, EvidenceLog log) {
        return cited(log.call("git.merged", () -> git.status(branch)), log);
    }

    /** {@code git diff main..branch} ({@code git.diffstat}); cites both heads. */
    public DiffStat diffStat(String branch, EvidenceLog log) {
        DiffStat d = log.call("git.diffstat", () -> git.diffStat(branch));
        cite(d.branch(), log);
        cite(d.base(), log);
        return d;
    }

    /** The latest {@code limit} commits on {@code branch} ({@code git.recent_commits}); cites each. */
    public List<CommitInfo> recentCommits(String branch, int limit, EvidenceLog log) {
        List<CommitInfo> commits = log.call("git.recent_commits", () -> git.recentCommits(branch, limit));
        commits.forEach(c -> log.cite(Evidence.git(c.sha(), "commit on " + branch)));
        return commits;
    }

    /**
     * What landed on main since {@code since} ({@code git.landed}), first parents only, newest first: up to
     * {@code limit} commits, each cited, plus one more when more landed (read only to say so, not cited).
     */
    public Landed landedSince(Instant since, int limit, EvidenceLog log) {
        List<CommitInfo> read = log.call("git.landed", () -> git.landedSince(since, limit + 1));
        String main = git.mainBranch().orElseThrow();
        read.stream().limit(limit).forEach(c -> log.cite(Evidence.git(c.sha(), "landed on " + main)));
        return new Landed(main, read, limit);
    }

    /** Commits that landed on {@code main}: {@code limit} at most are shown, {@link #more} says whether one was left. */
    public record Landed(String main, List<CommitInfo> commits, int limit) {
        public boolean more() {
            return commits.size() > limit;
        }

        public List<CommitInfo> shown() {
            return commits.stream().limit(limit).toList();
        }
    }

    /** Every branch but main against main ({@code git.branches_status}); the caller cites the ones it shows. */
    public List<BranchStatus> statusOfAll(EvidenceLog log) {
        return log.call("git.branches_status", git::statusOfAll);
    }

    /** Every branch with its head ({@code git.branches}); the caller cites the ones it shows. */
    public List<BranchInfo> branches(EvidenceLog log) {
        return log.call("git.branches", git::branches);
    }

    /** The main branch with its head, cited. */
    public BranchInfo main(EvidenceLog log) {
        BranchInfo main = git.find(git.mainBranch().orElseThrow()).orElseThrow();
        cite(main, log);
        return main;
    }

    /** Cites the head commit of {@code branch}, as every git answer does for each branch it names. */
    public static void cite(BranchInfo branch, EvidenceLog log) {
        log.cite(Evidence.git(branch.head().sha(), "head of " + branch.name()));
    }

    private static BranchStatus cited(BranchStatus s, EvidenceLog log) {
        cite(s.branch(), log);
        cite(s.main(), log);
        return s;
    }
}
