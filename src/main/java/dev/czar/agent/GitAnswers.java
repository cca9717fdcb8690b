package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.BranchStatus;
import dev.czar.evidence.git.CommitInfo;
import dev.czar.evidence.git.DiffStat;
import dev.czar.evidence.git.FileChange;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.evidence.git.GitFacts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Composes offline STATUS answers from git evidence: a renderer over {@link GitFacts}, the same calls the model's
 * {@link GitTools} make, so both record the same calls and cite the same commits. It states only what those calls
 * returned, citing every commit it mentions.
 */
final class GitAnswers {
    static final int MAX_LISTED = 20;

    private final GitFacts facts;
    private final DateTimeFormatter time;
    private final int recentCommits;

    GitAnswers(GitEvidence git, ZoneId zone, int recentCommits) {
        this.facts = new GitFacts(git);
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone);
        this.recentCommits = recentCommits;
    }

    String branchStatus(String branch, EvidenceLog log) {
        BranchStatus s = facts.status(branch, log);
        String heads = "\n  head " + describe(s.branch().head()) + "\n  " + s.main().name() + " at " + describe(s.main().head());
        if (!s.related()) {
            return s.branch().name() + ": no common history with " + s.main().name() + " (the two share no commit, so"
                    + " it is neither ahead nor behind; " + plural(s.ahead(), "commit") + " on it, " + s.behind()
                    + " on " + s.main().name() + ")." + heads + shallowNote(s);
        }
        String merged = s.merged() ? "merged into " + s.main().name() : "not merged";
        return s.branch().name() + ": " + plural(s.ahead(), "commit") + " ahead of " + s.main().name() + ", " + s.behind()
                + " behind, " + merged + "." + heads + shallowNote(s);
    }

    /** The honest reply to a question czar cannot route: what it can answer, with the main branch named. */
    static String whatICanAnswer(String main) {
        return "I can't answer that from this repository. I can answer: \"status of <branch>\", \"is <branch> merged?\","
                + " \"what changed on <branch>\", \"recent commits on <branch>\", \"which branches are ahead of " + main
                + "?\", \"what landed today?\" (a branch can be a local or remote-tracking branch, a tag, HEAD~2 or a sha).";
    }

    private static String shallowNote(BranchStatus s) {
        return s.shallow() ? "\n  (shallow clone: history is cut off, so these counts are a lower bound)" : "";
    }

    String changes(String branch, EvidenceLog log) {
        DiffStat d = facts.diffStat(branch, log);
        String range = d.base().name() + ".." + d.branch().name();
        String warning = d.notes().stream().map(w -> "\n  note: " + w).collect(java.util.stream.Collectors.joining());
        if (d.files().isEmpty()) {
            return "git diff " + range + " is empty: " + d.branch().name() + " (" + d.branch().head().shortSha() + ") has the same tree as "
                    + d.base().name() + " (" + d.base().head().shortSha() + ").";
        }
        StringBuilder out = new StringBuilder("git diff " + range + " (" + d.base().head().shortSha() + ".."
                + d.branch().head().shortSha() + "): " + plural(d.files().size(), "file") + " changed, +"
                + d.insertions() + " -" + d.deletions() + warning);
        d.files().stream().limit(MAX_LISTED).forEach(f -> out.append("\n  ").append(describe(f)));
        more(out, d.files().size(), "files");
        return out.toString();
    }

    String commits(String branch, EvidenceLog log) {
        List<CommitInfo> commits = facts.recentCommits(branch, recentCommits, log);
        StringBuilder out = new StringBuilder("Latest " + plural(commits.size(), "commit") + " on " + branch + ":");
        for (CommitInfo c : commits) {
            out.append("\n  ").append(describe(c));
        }
        return out.toString();
    }

    String merged(String branch, EvidenceLog log) {
        BranchStatus s = facts.merged(branch, log);
        String name = s.branch().name();
        if (!s.related()) {
            return name + " is not merged into " + s.main().name() + ": they have no common history (no shared commit;"
                    + " head " + s.branch().head().shortSha() + ", " + s.main().name() + " at " + s.main().head().shortSha() + ").";
        }
        if (s.merged()) {
            return name + " is merged: its head " + s.branch().head().shortSha() + " is reachable from "
                    + s.main().name() + " (" + s.main().head().shortSha() + ").";
        }
        return name + " is not merged into " + s.main().name() + ": " + plural(s.ahead(), "commit")
                + " on it are not on " + s.main().name() + " (head " + s.branch().head().shortSha() + ", "
                + s.main().name() + " at " + s.main().head().shortSha() + ")." + shallowNote(s);
    }

    String branchList(boolean onlyAhead, EvidenceLog log) {
        List<BranchStatus> all = facts.statusOfAll(log);
        List<BranchStatus> shown = all.stream().filter(s -> !onlyAhead || s.ahead() > 0)
                .sorted(Comparator.comparingInt(BranchStatus::ahead).reversed().thenComparing(s -> s.branch().name()))
                .toList();
        BranchInfo main = facts.main(log);
        String what = onlyAhead ? plural(shown.size(), "branch") + " ahead of " + main.name()
                : plural(all.size(), "branch") + " besides " + main.name();
        StringBuilder out = new StringBuilder(capitalise(what) + " (" + main.name() + " at "
                + main.head().shortSha() + ")" + (shown.isEmpty() ? "." : ":"));
        int width = shown.stream().limit(MAX_LISTED).mapToInt(s -> s.branch().name().length()).max().orElse(0);
        for (BranchStatus s : shown.stream().limit(MAX_LISTED).toList()) {
            GitFacts.cite(s.branch(), log);
            out.append("\n  ").append(pad(s.branch().name(), width)).append("  ").append(s.ahead()).append(" ahead, ")
                    .append(s.behind()).append(" behind").append(s.merged() ? ", merged" : "")
                    .append(s.related() ? "" : ", no common history")
                    .append("  ").append(describe(s.branch().head()));
        }
        more(out, shown.size(), "branches");
        return out.toString();
    }

    String landed(TimeWindow window, EvidenceLog log) {
        GitFacts.Landed landed = facts.landedSince(window.since(), MAX_LISTED, log);
        String main = landed.main();
        if (landed.commits().isEmpty()) {
            BranchInfo head = facts.main(log);
            return "Nothing landed on " + main + " " + window.label() + ". " + main + " is at " + describe(head.head()) + ".";
        }
        int count = landed.commits().size();
        StringBuilder out = new StringBuilder((landed.more() ? "More than " + MAX_LISTED : String.valueOf(count))
                + (count == 1 ? " commit" : " commits") + " landed on " + main + " " + window.label() + ":");
        for (CommitInfo c : landed.shown()) {
            out.append("\n  ").append(describe(c));
        }
        return out.toString();
    }

    String overview(EvidenceLog log) {
        List<BranchStatus> all = facts.statusOfAll(log);
        BranchInfo main = facts.main(log);
        long ahead = all.stream().filter(s -> s.ahead() > 0).count();
        StringJoiner names = new StringJoiner(", ");
        all.stream().filter(s -> s.ahead() > 0).limit(MAX_LISTED).forEach(s -> {
            GitFacts.cite(s.branch(), log);
            names.add(s.branch().name() + " (+" + s.ahead() + ")");
        });
        return main.name() + " is at " + describe(main.head()) + ".\n" + capitalise(plural(all.size(), "other branch"))
                + ", " + ahead + " with work not on " + main.name() + (ahead > 0 ? ": " + names : ".")
                + "\nAsk me about one: \"status of <branch>\", \"what changed on <branch>\", \"what landed today?\"";
    }

    String unknownBranch(String name, EvidenceLog log) {
        List<BranchInfo> branches = facts.branches(log);
        StringJoiner known = new StringJoiner(", ");
        branches.stream().limit(MAX_LISTED).forEach(b -> {
            GitFacts.cite(b, log);
            known.add(b.name());
        });
        String suffix = branches.size() > MAX_LISTED ? " and " + (branches.size() - MAX_LISTED) + " more" : "";
        return "I found no branch named '" + name + "'. Branches here: " + known + suffix + ".";
    }

    private String describe(CommitInfo c) {
        return c.shortSha() + " \"" + c.subject() + "\" by " + c.author() + ", " + time.format(c.time());
    }

    private static String describe(FileChange f) {
        String marker = switch (f.change()) {
            case "ADD" -> "A";
            case "DELETE" -> "D";
            case "RENAME" -> "R";
            case "COPY" -> "C";
            default -> "M";
        };
        String path = f.path().equals(f.oldPath()) ? f.path() : f.oldPath() + " => " + f.path();
        return marker + " " + path + (f.binary() ? "  (binary)" : "  +" + f.added() + " -" + f.deleted());
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static void more(StringBuilder out, int total, String what) {
        if (total > MAX_LISTED) {
            out.append("\n  … and ").append(total - MAX_LISTED).append(" more ").append(what);
        }
    }

    static String plural(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("ch") ? noun + "es" : noun + "s");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
