package dev.czar.digest;

import dev.czar.chat.Evidence;
import dev.czar.github.PullRequestStore;
import dev.czar.github.ReportedChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each workstream's pull request where the workstream is shown: its answer, digests ("Pull requests") and an alert on
 * its thread when the pull request's checks go red.
 */
class PullRequestDigestAndAlertTest {
    static final String REPO = "octocat/Hello-World";
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    @TempDir
    Path tmp;
    DigestFixture fx;
    PullRequestStore pulls;
    ReportedChecks checks;

    @BeforeEach
    void seed() {
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.launch("docs", "Document the API", "C1", "T2");
        fx.move("fix-login", QUEUED, RUNNING, "worker started");
        fx.move("fix-login", RUNNING, VERIFYING, "claims done");
        pulls = new PullRequestStore(fx.db);
        checks = new ReportedChecks(fx.db);
        pulls.save(new PullRequestStore.PullRequest("fix-login", REPO, 57, "https://github.com/" + REPO + "/pull/57", null,
                "open", HEAD, fx.clock.instant()));
        pulls.save(new PullRequestStore.PullRequest("docs", REPO, 56, "https://github.com/" + REPO + "/pull/56", null,
                "open", "3333333333333333333333333333333333333333", fx.clock.instant()));
        pulls.applyPull(REPO, 56, "merged", null, "octocat", null, fx.clock.instant(),
                "6dcb09b5b57875f334f61aebed695e2e4193db5e", fx.clock.instant());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void should_list_pull_requests_opened_waiting_for_review_and_merged_in_the_digest() {
        // given
        checks.record(new ReportedChecks.Check(REPO, HEAD, "check_run", "build", "4401", "completed", "success", null, fx.clock.instant()));

        // when
        Digest digest = fx.digests().next("C-eng");

        // then
        String text = digest.render();
        assertThat(text).contains("Pull requests")
                .contains("opened #57 (fix-login) https://github.com/octocat/Hello-World/pull/57")
                .contains("waiting for review: #57 (fix-login), checks green")
                .contains("merged #56 (docs) by octocat as 6dcb09b");
        assertThat(digest.evidence()).extracting(Evidence::source, Evidence::ref).contains(
                org.assertj.core.groups.Tuple.tuple("pr", "57"), org.assertj.core.groups.Tuple.tuple("pr", "56"));
    }

    @Test
    void should_show_the_pull_request_in_the_workstream_answer_and_cite_it() {
        // given
        checks.record(new ReportedChecks.Check(REPO, HEAD, "status", "ci/jenkins", "9001", "pending", null, null, fx.clock.instant()));
        dev.czar.chat.EvidenceLog log = new dev.czar.chat.EvidenceLog();

        // when
        String answer = new dev.czar.workers.FleetAnswers(fx.workers).answer("is fix-login done?", log).orElseThrow();
        String overview = new dev.czar.workers.FleetAnswers(fx.workers).answer("what are the workers doing?", new dev.czar.chat.EvidenceLog())
                .orElseThrow();

        // then
        assertThat(answer).contains("pull request: #57 open (ready for review), no review yet, checks pending"
                + " https://github.com/octocat/Hello-World/pull/57");
        assertThat(overview).contains("pull request: #57 open (ready for review), no review yet, checks pending")
                .contains("pull request: #56 merged");
        assertThat(log.evidence()).extracting(Evidence::source, Evidence::ref).contains(org.assertj.core.groups.Tuple.tuple("pr", "57"));
    }

    @Test
    void should_alert_the_workstreams_thread_once_when_its_pull_requests_checks_go_red() {
        // given
        AlertWatcher alerts = new AlertWatcher(fx.workers, fx.bench, (ws, text) -> fx.told.add(ws.name() + ": " + text), 0.1);
        alerts.tick();
        assertThat(fx.told).isEmpty();

        // when the build fails at the head
        checks.record(new ReportedChecks.Check(REPO, HEAD, "check_run", "build", "4401", "completed", "failure",
                "https://github.com/octocat/Hello-World/runs/4401", fx.clock.instant()));
        alerts.tick();
        fx.clock.advance(Duration.ofMinutes(1));
        alerts.tick();

        // then
        assertThat(fx.told).containsExactly("fix-login: checks went red on pull request #57 at ec26c3e: 'build' (check run 4401)"
                + " https://github.com/octocat/Hello-World/pull/57");
    }
}
