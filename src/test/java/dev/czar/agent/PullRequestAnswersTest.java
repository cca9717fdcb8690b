package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.chat.Evidence;
import dev.czar.chat.EvidenceLog;
import dev.czar.chat.Message;
import dev.czar.config.GitConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.github.PullRequestFacts;
import dev.czar.github.PullRequestStore;
import dev.czar.github.ReportedChecks;
import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "which PRs are waiting for review?", "is PR 57 green?", "what landed this week?" from the stored pull requests. */
class PullRequestAnswersTest {
    static final Instant NOW = Instant.parse("2026-12-09T12:00:00Z"); // a Wednesday
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String REPO = "octocat/Hello-World";
    static final String HEAD_57 = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String HEAD_58 = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
    static final String MERGE_56 = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    final Database db = MemoryDatabase.open();
    final PullRequestStore pulls = new PullRequestStore(db);
    final ReportedChecks checks = new ReportedChecks(db);
    final PullRequestAnswers answers = new PullRequestAnswers(new PullRequestFacts(pulls, checks, name -> List.of()),
            CLOCK, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @BeforeEach
    void storePullRequests() {
        open("login", 57, "open", HEAD_57);
        open("search", 58, "open", HEAD_58);
        open("drafty", 59, "draft", "1111111111111111111111111111111111111111");
        open("cache", 60, "open", "2222222222222222222222222222222222222222");
        pulls.applyReview(REPO, 60, "approved", NOW);
        open("docs", 56, "open", "3333333333333333333333333333333333333333");
        pulls.applyPull(REPO, 56, "merged", null, "octocat", null, Instant.parse("2026-12-08T15:30:00Z"), MERGE_56, NOW);
        open("old", 50, "open", "4444444444444444444444444444444444444444");
        pulls.applyPull(REPO, 50, "merged", null, "hubot", null, Instant.parse("2026-12-01T09:00:00Z"), "5555555555555555555555555555555555555555", NOW);
        checks.record(new ReportedChecks.Check(REPO, HEAD_57, "check_run", "build", "4401", "completed", "success",
                "https://github.com/octocat/Hello-World/runs/4401", NOW));
        checks.record(new ReportedChecks.Check(REPO, HEAD_57, "status", "ci/jenkins", "9002", "completed", "success", null, NOW));
        checks.record(new ReportedChecks.Check(REPO, HEAD_58, "check_run", "build", "4402", "completed", "failure", null, NOW));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_list_only_open_unapproved_pull_requests_as_waiting_for_review() {
        EvidenceLog log = new EvidenceLog();

        String answer = answers.answer("which PRs are waiting for review?", log).orElseThrow();

        assertThat(answer).startsWith("2 pull requests are waiting for review:").contains("#57 (workstream login)")
                .contains("#58 (workstream search)").doesNotContain("#59").doesNotContain("#60").doesNotContain("#56");
        assertThat(refs(log, "pr")).containsExactly("58", "57"); // newest first
        assertThat(refs(log, "git")).containsExactly(HEAD_58, HEAD_57);
    }

    @Test
    void should_say_a_pull_request_is_green_citing_its_checks_and_head() {
        EvidenceLog log = new EvidenceLog();

        String answer = answers.answer("is PR 57 green?", log).orElseThrow();

        assertThat(answer).startsWith("Yes, green: #57 (workstream login) open, ready for review")
                .contains("check run 4401 'build' success").contains("status ci/jenkins 'ci/jenkins' success");
        assertThat(refs(log, "pr")).containsExactly("57");
        assertThat(refs(log, "ci")).containsExactly("check-run/4401", "status/ci/jenkins");
        assertThat(refs(log, "git")).containsExactly(HEAD_57);
    }

    @Test
    void should_say_a_pull_request_with_a_failed_check_is_red() {
        EvidenceLog log = new EvidenceLog();

        String answer = answers.answer("is pull request #58 green?", log).orElseThrow();

        assertThat(answer).startsWith("No, red: #58").contains("check run 4402 'build' failure");
        assertThat(refs(log, "ci")).containsExactly("check-run/4402");
    }

    @Test
    void should_list_what_landed_this_week_with_authors_workstreams_and_merge_commits() {
        EvidenceLog log = new EvidenceLog();

        String answer = answers.answer("what landed this week?", log).orElseThrow();

        assertThat(answer).startsWith("Landed this week (1 merged pull request):")
                .contains("#56 workstream docs by octocat, merged 2026-12-08 15:30 as 6dcb09b").doesNotContain("#50");
        assertThat(refs(log, "pr")).containsExactly("56");
        assertThat(refs(log, "git")).contains(MERGE_56);
    }

    @Test
    void should_say_so_when_asked_about_a_pull_request_czar_does_not_know() {
        EvidenceLog log = new EvidenceLog();

        String answer = answers.answer("is PR 999 green?", log).orElseThrow();

        assertThat(answer).startsWith("I know of no pull request #999").contains("#60, #59, #58, #57, #56, #50");
        assertThat(log.evidence()).isEmpty();
    }

    @Test
    void should_leave_branch_questions_and_questions_without_pull_requests_to_git() {
        assertThat(answers.answer("is feature-x merged?", new EvidenceLog())).isEmpty();
        assertThat(answers.answer("what changed on main today?", new EvidenceLog())).isEmpty();
        PullRequestAnswers none = new PullRequestAnswers(new PullRequestFacts(new PullRequestStore(MemoryDatabase.open()),
                checks, name -> List.of()), CLOCK, ZoneOffset.UTC);
        assertThat(none.answer("what landed this week?", new EvidenceLog())).as("no pull requests: git's commits on main").isEmpty();
    }

    @Test
    void should_route_pull_request_questions_through_the_offline_answerer_before_the_fleet_and_git() {
        // given
        TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"), "main");
        repo.commit("initial commit", Map.of("README.md", "hello\n"));
        try (GitEvidence git = GitEvidence.open(repo.dir(), new GitConfig(null, null))) {
            OfflineAnswerer answerer = new OfflineAnswerer(git, CLOCK, ZoneOffset.UTC, 10, List.of(answers));

            // when
            Answer answer = answerer.status(new Message("is PR 57 green?", "local:me", "cli", null, NOW));

            // then
            assertThat(answer.text()).startsWith("Yes, green: #57");
            assertThat(answer.evidence()).extracting(e -> e.source() + ":" + e.ref()).contains("pr:57", "ci:check-run/4401");
        } finally {
            repo.close();
        }
    }

    @Test
    void should_give_the_model_the_same_cited_facts_through_its_tools() {
        EvidenceLog log = new EvidenceLog();
        PullRequestTools tools = new PullRequestTools(answers, log, CLOCK);

        String one = tools.pullRequest(58);
        String waiting = tools.pullRequests("waiting");
        String merged = tools.merged(7);

        assertThat(one).startsWith("No, red: #58");
        assertThat(waiting).startsWith("2 pull requests are waiting for review:");
        assertThat(merged).startsWith("Landed in the last 7 days (1 merged pull request):").contains("#56");
        assertThat(tools.pullRequest(0)).startsWith("error:");
        assertThat(refs(log, "pr")).containsExactlyInAnyOrder("58", "57", "56");
    }

    private void open(String workstream, int number, String state, String head) {
        pulls.save(new PullRequestStore.PullRequest(workstream, REPO, number, "https://github.com/" + REPO + "/pull/" + number,
                null, state, head, NOW.minusSeconds(86_400)));
    }

    private static List<String> refs(EvidenceLog log, String source) {
        return log.evidence().stream().filter(e -> e.source().equals(source)).map(Evidence::ref).distinct().toList();
    }
}
