package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.github.PullRequestFacts;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Read-only pull-request tools for the model: thin adapters over {@link PullRequestAnswers}, which reads the stored
 * pull requests and checks and cites each ({@code pr:57}, {@code ci:check-run/ID}, head and merge SHAs).
 */
public final class PullRequestTools {
    private final PullRequestAnswers answers;
    private final EvidenceLog log;
    private final Clock clock;

    PullRequestTools(PullRequestAnswers answers, EvidenceLog log, Clock clock) {
        this.answers = answers;
        this.log = log;
        this.clock = clock;
    }

    /** Registration for {@link AgentTools}: bound to each answer's evidence log. */
    public static EvidenceTools of(PullRequestFacts facts, Clock clock, ZoneId zone) {
        PullRequestAnswers answers = new PullRequestAnswers(facts, clock, zone);
        return log -> new PullRequestTools(answers, log, clock);
    }

    @Tool(name = "pull_requests", value = "The pull requests czar opened for its workstreams: number, workstream, state"
            + " (draft, open = ready for review, merged, closed), review state, checks (green, red, pending, none) at the"
            + " head SHA, author, URL. which: all, waiting (ready for review, not approved yet).")
    public String pullRequests(@P("all or waiting") String which) {
        return "waiting".equalsIgnoreCase(which == null ? "" : which.strip()) ? answers.waitingForReview(log) : answers.overview(log);
    }

    @Tool(name = "pull_request", value = "One pull request by number: state, review, and every check run and commit status"
            + " reported at its head (id, name, conclusion, URL).")
    public String pullRequest(@P("pull request number, e.g. 57") int number) {
        if (number <= 0) {
            return "error: a pull request number is a positive integer";
        }
        return answers.one(number, log);
    }

    @Tool(name = "pull_requests_merged", value = "Pull requests merged in the last N days (1-90), with author, workstream,"
            + " merge time and merge commit SHA: what landed.")
    public String merged(@P("days back, 1-90") int days) {
        int span = Math.max(1, Math.min(90, days));
        return answers.landed(clock.instant().minus(java.time.Duration.ofDays(span)), "in the last " + span + " day"
                + (span == 1 ? "" : "s"), log);
    }
}
