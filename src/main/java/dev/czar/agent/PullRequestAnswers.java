package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.github.PullRequestFacts;
import dev.czar.github.PullRequestFacts.Fact;
import dev.czar.github.ReportedChecks;
import dev.czar.intent.MessageText;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers about the pull requests czar opened ("which PRs are waiting for review?", "is PR 57 green?", "what landed
 * this week?") from the stored state ({@link PullRequestFacts}), never from a guess. Cites each pull request
 * ({@code pr:57}, with its URL), its head or merge commit (source {@code git}) and each reported check
 * ({@code ci:check-run/ID}): a renderer over {@link PullRequestFacts}' calls, which cite. The offline answerer and the
 * model's tools ({@link PullRequestTools}) share it.
 */
public final class PullRequestAnswers implements TopicAnswers {
    private static final Pattern PR_WORDS = Pattern.compile("\\bprs?\\b|\\bpull[- ]?requests?\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b(?:prs?|pull[- ]?requests?)\\s*#?(\\d{1,9})\\b|(?<![\\w/])#(\\d{1,9})\\b");
    private static final Pattern REVIEW = Pattern.compile("\\b(review|reviews|reviewed|approv\\w*|waiting)\\b");
    /** "what landed this week?", "which PRs were merged today?" — not "is feature-x merged?", a branch question for git. */
    private static final Pattern LANDED = Pattern.compile("\\b(what|which)\\b.*\\b(landed|merged|shipped)\\b");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PullRequestFacts facts;
    private final StatusQuestionParser windows;
    private final ZoneId zone;

    public PullRequestAnswers(PullRequestFacts facts, Clock clock, ZoneId zone) {
        this.facts = facts;
        this.windows = new StatusQuestionParser(clock, zone);
        this.zone = zone;
    }

    @Override
    public Optional<String> answer(String question, EvidenceLog log) {
        String folded = MessageText.folded(question);
        boolean aboutPrs = PR_WORDS.matcher(folded).find();
        Matcher number = NUMBER.matcher(folded);
        if (number.find() && (aboutPrs || number.group(2) != null)) {
            return Optional.of(one(Integer.parseInt(number.group(1) != null ? number.group(1) : number.group(2)), log));
        }
        if (LANDED.matcher(folded).find()) {
            // without tracked pull requests "what landed?" is git's question (commits on main)
            if (!aboutPrs && !facts.tracksAny(log)) {
                return Optional.empty();
            }
            TimeWindow window = windows.window(folded);
            return Optional.of(landed(window.since(), window.label(), log));
        }
        if (!aboutPrs) {
            return Optional.empty();
        }
        return Optional.of(REVIEW.matcher(folded).find() ? waitingForReview(log) : overview(log));
    }

    /** One pull request: state, review, checks at its head with each check cited; says so when czar has none by that number. */
    public String one(int number, EvidenceLog log) {
        Optional<Fact> found = facts.number(number, log);
        if (found.isEmpty()) {
            List<Fact> all = facts.all();
            return "I know of no pull request #" + number + " (czar tracks only the pull requests of its workstreams"
                    + (all.isEmpty() ? "; it has opened none yet)." : ": " + all.stream().map(f -> "#" + f.pr().number())
                    .collect(Collectors.joining(", ")) + ").");
        }
        Fact f = found.get();
        StringBuilder out = new StringBuilder(verdictLead(f)).append(' ').append(line(f));
        for (ReportedChecks.Check check : f.reported()) {
            out.append("\n- ").append(checkLine(check));
        }
        if (f.gateLine() != null) {
            out.append("\n- as the latest gate saw it: ").append(f.gateLine());
        }
        return out.toString();
    }

    /** Open pull requests marked ready for review and not approved yet. */
    public String waitingForReview(EvidenceLog log) {
        List<Fact> waiting = facts.waitingForReview(log);
        if (waiting.isEmpty()) {
            List<Fact> all = facts.all();
            return "No pull request is waiting for review" + (all.isEmpty() ? " (czar has opened none)." : "; czar's pull"
                    + " requests: " + all.stream().map(f -> "#" + f.pr().number() + " " + f.pr().state())
                    .collect(Collectors.joining(", ")) + ".");
        }
        return waiting.size() + " pull request" + (waiting.size() == 1 ? " is" : "s are") + " waiting for review:\n"
                + waiting.stream().map(f -> "- " + line(f)).collect(Collectors.joining("\n"));
    }

    /** Pull requests merged since {@code since}, with author, workstream and merge commit. */
    public String landed(Instant since, String label, EvidenceLog log) {
        List<Fact> merged = facts.mergedSince(since, log);
        if (merged.isEmpty()) {
            return "No pull request of czar's was merged " + label + ".";
        }
        StringBuilder out = new StringBuilder("Landed " + label + " (" + merged.size() + " merged pull request"
                + (merged.size() == 1 ? "" : "s") + "):");
        for (Fact f : merged) {
            String sha = f.details().mergeSha();
            out.append("\n- #").append(f.pr().number()).append(" workstream ").append(f.pr().workstream())
                    .append(f.details().author() == null ? "" : " by " + f.details().author())
                    .append(", merged ").append(WHEN.format(f.details().mergedAt().atZone(zone)))
                    .append(sha == null ? "" : " as " + sha.substring(0, Math.min(7, sha.length())))
                    .append(' ').append(f.pr().url());
        }
        return out.toString();
    }

    /** Every pull request czar opened, newest first. */
    public String overview(EvidenceLog log) {
        List<Fact> all = facts.all(log);
        if (all.isEmpty()) {
            return "czar has opened no pull request yet (they are opened when a workstream first claims done and GitHub"
                    + " is configured: ci.github.repo and GITHUB_TOKEN).";
        }
        return all.size() + " pull request" + (all.size() == 1 ? "" : "s") + ":\n"
                + all.stream().map(f -> "- " + line(f)).collect(Collectors.joining("\n"));
    }

    private static String verdictLead(Fact f) {
        return switch (f.checks()) {
            case "green" -> "Yes, green:";
            case "red" -> "No, red:";
            case "pending" -> "Not yet, checks are running:";
            case "none" -> "No checks reported:";
            default -> "Not checked yet:";
        };
    }

    /** {@code #57 (workstream login) open, no review yet, checks green at ec26c3e, by octocat URL}. */
    private static String line(Fact f) {
        var pr = f.pr();
        String review = f.details().reviewState() == null ? "no review yet" : "review: " + f.details().reviewState().replace('_', ' ');
        return "#" + pr.number() + " (workstream " + pr.workstream() + ") " + (pr.state().equals("open") ? "open, ready for review"
                : pr.state()) + ", " + review + ", checks " + f.checks()
                + (pr.headSha() == null ? "" : " at " + pr.headSha().substring(0, Math.min(7, pr.headSha().length())))
                + (f.details().author() == null ? "" : ", by " + f.details().author()) + " " + pr.url();
    }

    private static String checkLine(ReportedChecks.Check check) {
        return check.citation() + " '" + check.name() + "' " + (check.pending() ? check.status() : check.conclusion())
                + (check.url() == null ? "" : " " + check.url());
    }
}
