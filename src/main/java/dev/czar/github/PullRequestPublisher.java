package dev.czar.github;

import dev.czar.config.CzarConfig;
import dev.czar.store.Database;
import dev.czar.workers.BranchPublisher;
import dev.czar.workers.DoneGate;
import dev.czar.workers.RemoteSync;
import dev.czar.workers.Workstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * A workstream's road to GitHub: before each gate run its branch is pushed (so CI runs on the head being checked);
 * after it, the pull request is opened as a draft on the first claim of done, updated with the latest report on
 * every later round, and marked ready for review once every item but "merged" passed.
 */
public final class PullRequestPublisher implements BranchPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestPublisher.class);

    private final RemoteBranches remote;
    private final PullRequestApi api;
    private final PullRequestStore store;
    private final Clock clock;
    private final String slackWorkspaceUrl;

    public PullRequestPublisher(RemoteBranches remote, PullRequestApi api, PullRequestStore store, Clock clock) {
        this(remote, api, store, clock, "");
    }

    /** @param slackWorkspaceUrl {@code slack.workspace-url}: the body links the workstream's Slack thread */
    public PullRequestPublisher(RemoteBranches remote, PullRequestApi api, PullRequestStore store, Clock clock,
                                String slackWorkspaceUrl) {
        this.remote = remote;
        this.api = api;
        this.store = store;
        this.clock = clock;
        this.slackWorkspaceUrl = slackWorkspaceUrl == null ? "" : slackWorkspaceUrl;
    }

    /**
     * The publisher the configuration asks for: {@code workers.pull-requests} on (or auto with a repository and a
     * token) and GitHub configured; otherwise none, which keeps today's local-only behaviour.
     */
    public static Optional<BranchPublisher> fromConfig(CzarConfig config, GithubClient github, RemoteSync sync,
                                                       Database db, Clock clock) {
        if (github == null || !config.workers().pullRequestsOn(github.authenticated())) {
            return Optional.empty();
        }
        RemoteBranches remote = new RemoteBranches(sync);
        return Optional.of(new PullRequestPublisher(remote, new PullRequestApi(github), new PullRequestStore(db), clock,
                config.slack().workspaceUrl()));
    }

    @Override
    public void beforeGate(Workstream ws) {
        remote.fetchIfDue();
        remote.problem().ifPresent(problem -> LOG.warn("{}", problem));
        try {
            remote.push(ws.branch());
        } catch (dev.czar.workers.GitProcess.GitFailure e) {
            LOG.warn("pushing {} for {} failed: {}", ws.branch(), ws.name(), e.getMessage());
        }
    }

    @Override
    public void afterGate(Workstream ws, String mainBranch, DoneGate.Report report) {
        if (report.headSha() == null) {
            return; // nothing was committed: nothing to show anyone
        }
        try {
            publish(ws, mainBranch, report);
        } catch (GithubFailure e) {
            LOG.warn("pull request for {} not updated: {}", ws.name(), e.getMessage());
        }
    }

    /** Opens or updates the pull request; returns what is stored for it. */
    PullRequestStore.PullRequest publish(Workstream ws, String mainBranch, DoneGate.Report report) {
        String title = PullRequestBody.title(ws);
        String body = PullRequestBody.render(ws, report, slackWorkspaceUrl);
        Optional<PullRequestStore.PullRequest> known = store.of(ws.name()).filter(pr -> !pr.state().equals("closed"));
        PullRequestApi.Pull pull;
        if (known.isPresent()) {
            pull = api.update(known.get().number(), title, body);
        } else {
            Optional<PullRequestApi.Pull> existing = api.openFrom(ws.branch());
            pull = existing.isPresent() ? api.update(existing.get().number(), title, body)
                    : api.openDraft(ws.branch(), mainBranch, title, body);
        }
        String state = pull.merged() ? "merged" : pull.state().equals("closed") ? "closed" : pull.draft() ? "draft" : "open";
        if (state.equals("draft") && PullRequestBody.readyForReview(report)) {
            api.markReady(pull.nodeId());
            state = "open";
        }
        PullRequestStore.PullRequest saved = new PullRequestStore.PullRequest(ws.name(), api.repo(), pull.number(),
                pull.url(), pull.nodeId(), state, report.headSha(), clock.instant());
        store.save(saved);
        return saved;
    }
}
