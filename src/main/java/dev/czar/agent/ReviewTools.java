package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.review.ReviewService;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

/**
 * Read-only review tool for the model: a thin adapter over {@link ReviewAnswers}, which renders
 * {@link ReviewService#latestOf} (the stored reviews, each cited by id). The model never starts a review; that is a
 * command.
 */
public final class ReviewTools {
    private final ReviewAnswers answers;
    private final EvidenceLog log;

    private ReviewTools(ReviewAnswers answers, EvidenceLog log) {
        this.answers = answers;
        this.log = log;
    }

    /** Registration for {@link AgentTools}: bound to each answer's evidence log. */
    public static EvidenceTools of(ReviewService reviews, GitEvidence git) {
        ReviewAnswers answers = new ReviewAnswers(reviews, git);
        return log -> new ReviewTools(answers, log);
    }

    @Tool(name = "review_latest", value = "The latest stored multi-persona review of a branch: verdict, findings by"
            + " severity, blockers with file and line, personas that did not finish, and the human checklist size.")
    String latest(@P("branch name") String branch) {
        return answers.ofBranch(branch == null ? "" : branch.strip(), log).orElse("error: no branch named " + branch);
    }
}
