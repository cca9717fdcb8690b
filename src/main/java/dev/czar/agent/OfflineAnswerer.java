package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Message;
import dev.czar.evidence.git.BranchInfo;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.evidence.git.GitEvidenceException;
import dev.czar.intent.Intent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers without a language model: conversation from fixed replies, STATUS questions by deterministic
 * routing to git evidence. It never states a fact it did not read from git in the same answer.
 */
public final class OfflineAnswerer implements Answerer {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineAnswerer.class);
    private static final int MAX_BRANCHES_PER_ANSWER = 5;

    private final GitEvidence git;
    private final StatusQuestionParser parser;
    private final GitAnswers answers;
    private final List<TopicAnswers> topics;

    public OfflineAnswerer(GitEvidence git, Clock clock, ZoneId zone, int recentCommits) {
        this(git, clock, zone, recentCommits, List.of());
    }

    /** Also answers questions on the features' topics, asking each in order before falling back to git. */
    public OfflineAnswerer(GitEvidence git, Clock clock, ZoneId zone, int recentCommits, List<TopicAnswers> topics) {
        this.git = git;
        this.parser = new StatusQuestionParser(clock, zone);
        this.answers = new GitAnswers(git, zone, recentCommits);
        this.topics = List.copyOf(topics);
    }

    @Override
    public Answer converse(Message message) {
        return ConversationReplies.reply(message.text());
    }

    @Override
    public Answer status(Message message) {
        EvidenceLog log = new EvidenceLog();
        String text;
        try {
            text = answer(message.text(), log);
        } catch (GitEvidenceException e) {
            text = "I can't answer that from git: " + e.getMessage() + ".";
        } catch (RuntimeException e) {
            LOG.error("git evidence failed for question: {}", message.text(), e);
            text = "I couldn't read the repository (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "), so I have no evidence to answer with.";
        }
        return new Answer(Intent.STATUS, text, log.evidence(), log.toolCalls(), 0);
    }

    private String answer(String question, EvidenceLog log) {
        for (TopicAnswers topic : branchNameWins(question) ? List.<TopicAnswers>of() : topics) {
            Optional<String> onTopic = topic.answer(question, log);
            if (onTopic.isPresent()) {
                return onTopic.get();
            }
        }
        List<BranchInfo> branches = log.call("git.branches", git::branches);
        if (branches.isEmpty()) {
            return "The repository at " + git.root() + " has no commits yet, so there is nothing to report."
                    + " Make a first commit, or point --repo at another repository.";
        }
        if (git.mainBranch().isEmpty()) {
            return "I can't compare branches: " + git.missingMainExplanation() + ". Branches here: "
                    + branches.stream().map(BranchInfo::name).collect(Collectors.joining(", ")) + ".";
        }
        StatusQuestion q = parser.parse(question, names(branches), git.mainBranch().get(), this::resolves);
        if (q.unknownBranch().isPresent()) {
            return answers.unknownBranch(q.unknownBranch().get(), log);
        }
        return switch (q.kind()) {
            case OVERVIEW -> answers.overview(log);
            case BRANCH_LIST -> answers.branchList(question.toLowerCase(java.util.Locale.ROOT).contains("ahead"), log);
            case LANDED -> answers.landed(q.window(), log);
            case UNROUTABLE -> GitAnswers.whatICanAnswer(git.mainBranch().get());
            default -> perBranch(q, log);
        };
    }

    /**
     * A branch whose name contains a topic word is still a branch: "status of agent/auth-login" is about that branch,
     * not the fleet. Topics are skipped when the only topic words are inside names of existing branches (czar's own
     * {@code czar/} worker branches stay with the fleet).
     */
    private boolean branchNameWins(String question) {
        if (topics.isEmpty() || !Topic.anyIn(question)) {
            return false;
        }
        List<String> named = StatusQuestionParser.mentionedBranches(question, names(git.branches()), name -> false);
        if (named.isEmpty() || named.stream().anyMatch(n -> n.startsWith("czar/"))) {
            return false;
        }
        String rest = question;
        for (String name : named) {
            rest = rest.replace(name, " ");
        }
        return !Topic.anyIn(rest);
    }

    /** Branch names, the short names git resolves for remote-tracking ones ({@code x} for {@code origin/x}), tags. */
    private List<String> names(List<BranchInfo> branches) {
        Set<String> names = new LinkedHashSet<>();
        branches.forEach(b -> names.add(b.name()));
        branches.stream().filter(BranchInfo::remote).map(b -> b.name().substring(b.name().indexOf('/') + 1))
                .filter(n -> !n.equals("HEAD")).forEach(names::add);
        names.addAll(git.tags());
        return List.copyOf(names);
    }

    private boolean resolves(String expression) {
        try {
            return git.find(expression).isPresent();
        } catch (GitEvidenceException e) {
            return true; // ambiguous: the answer names the candidates
        }
    }

    private String perBranch(StatusQuestion q, EvidenceLog log) {
        StringBuilder out = new StringBuilder();
        for (String branch : q.branches().stream().limit(MAX_BRANCHES_PER_ANSWER).toList()) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(switch (q.kind()) {
                case CHANGES -> answers.changes(branch, log);
                case COMMITS -> answers.commits(branch, log);
                case MERGED -> answers.merged(branch, log);
                default -> answers.branchStatus(branch, log);
            });
        }
        if (q.branches().size() > MAX_BRANCHES_PER_ANSWER) {
            out.append("\n\n(").append(q.branches().size() - MAX_BRANCHES_PER_ANSWER)
                    .append(" more branches named; ask about them separately.)");
        }
        return out.toString();
    }
}
