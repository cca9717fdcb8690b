package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.BranchStatus;
import dev.czar.evidence.git.CommitInfo;
import dev.czar.evidence.git.DiffStat;
import dev.czar.evidence.git.FileChange;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.evidence.git.GitFacts;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Read-only git tools for the model: a thin renderer over {@link GitFacts}, the same calls the offline
 * {@link GitAnswers} make, so both record the same calls and cite the same commits; results are compact text.
 */
final class GitTools {
    private final GitFacts facts;
    private final EvidenceLog log;
    private final Clock clock;
    private final int maxCommits;

    private GitTools(GitFacts facts, EvidenceLog log, Clock clock, int maxCommits) {
        this.facts = facts;
        this.log = log;
        this.clock = clock;
        this.maxCommits = maxCommits;
    }

    /** Registration for {@link AgentTools}: git tools bound to each answer's evidence log. */
    static EvidenceTools of(GitEvidence git, Clock clock, int maxCommits) {
        GitFacts facts = new GitFacts(git);
        return log -> new GitTools(facts, log, clock, maxCommits);
    }

    @Tool(name = "git_branches", value = "List every branch with how far it is ahead of / behind main and whether it is merged.")
    String branches() {
        List<BranchStatus> all = facts.statusOfAll(log);
        BranchInfo main = facts.main(log);
        StringBuilder out = new StringBuilder("main ").append(main.head().shortSha()).append('\n')
                .append(all.size()).append(" other branches");
        ToolText.limited(all, ToolText.MAX_ITEMS, s -> s.branch().name() + " " + listed(s.branch()) + " ahead=" + s.ahead()
                + " behind=" + s.behind() + (s.merged() ? " merged" : "") + (s.related() ? "" : " no-common-history"), out);
        return out.toString();
    }

    @Tool(name = "git_branch_status", value = "Where one branch stands against main: head commit, commits ahead and behind, merged or not.")
    String branchStatus(@P("branch name, e.g. feature-x") String branch) {
        BranchStatus s = facts.status(branch, log);
        return "branch " + s.branch().name() + " " + head(s.branch()) + "\nmain " + s.main().name() + " " + head(s.main())
                + "\nahead=" + s.ahead() + " behind=" + s.behind() + " merged=" + s.merged()
                + (s.related() ? "" : "\nno common history with main (unrelated histories: not ahead/behind in the usual sense)")
                + (s.shallow() ? "\nshallow clone: counts are a lower bound" : "");
    }

    @Tool(name = "git_is_merged", value = "Whether a branch is merged into main (its head reachable from main).")
    String isMerged(@P("branch name") String branch) {
        BranchStatus s = facts.merged(branch, log);
        return "branch " + s.branch().name() + " " + head(s.branch()) + " merged=" + s.merged() + " into "
                + s.main().name() + " " + head(s.main());
    }

    @Tool(name = "git_diffstat", value = "Diffstat of git diff main..branch: files changed with lines added and deleted.")
    String diffStat(@P("branch name") String branch) {
        DiffStat d = facts.diffStat(branch, log);
        StringBuilder out = new StringBuilder("git diff " + d.base().name() + ".." + d.branch().name() + " ("
                + head(d.base()) + " .. " + head(d.branch()) + ")\n" + d.files().size() + " files changed, +"
                + d.insertions() + " -" + d.deletions() + d.notes().stream().map(w -> "\nnote: " + w).collect(Collectors.joining()));
        ToolText.limited(d.files(), ToolText.MAX_ITEMS, GitTools::file, out);
        return out.toString();
    }

    @Tool(name = "git_recent_commits", value = "The latest commits on a branch, newest first.")
    String recentCommits(@P("branch name") String branch) {
        List<CommitInfo> commits = facts.recentCommits(branch, maxCommits, log);
        StringBuilder out = new StringBuilder(commits.size() + " latest commits on " + branch);
        ToolText.limited(commits, ToolText.MAX_ITEMS, GitTools::commit, out);
        return out.toString();
    }

    @Tool(name = "git_landed", value = "Commits that landed on main (first-parent history) in the last N days, newest first.")
    String landed(@P("how many days back; 1 = the last 24 hours") int days) {
        int window = Math.max(1, Math.min(days, 365));
        Instant since = clock.instant().minus(Duration.ofDays(window));
        GitFacts.Landed landed = facts.landedSince(since, ToolText.MAX_ITEMS, log);
        String count = landed.more() ? "more than " + ToolText.MAX_ITEMS : String.valueOf(landed.commits().size());
        StringBuilder out = new StringBuilder(count + " commits landed on main since " + since);
        ToolText.limited(landed.commits(), ToolText.MAX_ITEMS, GitTools::commit, out);
        return out.toString();
    }

    /** A head the facts call already cited. */
    private static String head(BranchInfo branch) {
        return branch.head().shortSha();
    }

    /** A branch of a list: cited here, because only the listed ones are. */
    private String listed(BranchInfo branch) {
        GitFacts.cite(branch, log);
        return branch.head().shortSha();
    }

    private static String commit(CommitInfo c) {
        return c.shortSha() + " " + c.time() + " " + c.author() + ": " + c.subject();
    }

    private static String file(FileChange f) {
        String path = f.path().equals(f.oldPath()) ? f.path() : f.oldPath() + " => " + f.path();
        return f.change().charAt(0) + " " + path + (f.binary() ? " binary" : " +" + f.added() + " -" + f.deleted());
    }
}
