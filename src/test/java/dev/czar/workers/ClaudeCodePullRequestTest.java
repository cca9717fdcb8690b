package dev.czar.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.czar.chat.Json;
import dev.czar.github.GithubClient;
import dev.czar.github.PullRequestApi;
import dev.czar.github.PullRequestChecks;
import dev.czar.github.PullRequestMerge;
import dev.czar.github.PullRequestPublisher;
import dev.czar.github.PullRequestStore;
import dev.czar.github.RemoteBranches;
import dev.czar.testsupport.AgentClis;
import dev.czar.testsupport.AnthropicStandIn;
import dev.czar.testsupport.CapturedLogs;
import dev.czar.testsupport.PullRequestStandIn;
import dev.czar.testsupport.TempGitRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.czar.testsupport.PullRequestStandIn.REPO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * issue 19 end to end with a real agent: the real Claude Code CLI (its model the in-process stand-in) works on a
 * branch cut from the main of a real remote (a bare repository on disk that a teammate pushed to); its claim of done
 * pushes the branch and opens a draft pull request on GitHub (WireMock); the failing check run's summary,
 * annotation and log go back to it as the next round's input, resuming the same session; it fixes and commits; the
 * checks turn green and 'czar merge' squashes through the API at the verified head, deletes the branch, DONE.
 * The run's transcript is written to target/evidence/issue-19-claude-code-pull-request.txt (docs/EVIDENCE.md).
 */
class ClaudeCodePullRequestTest {
    static final String TASK = "Add a login page for issue #19\nscenario: pr_fix\n";
    static final Path TRANSCRIPT = Path.of("target/evidence/issue-19-claude-code-pull-request.txt");

    @TempDir
    Path tmp;
    AnthropicStandIn model;
    PullRequestStandIn github;
    Fleet fleet;
    Path bare;
    PullRequestStore prs;

    @BeforeEach
    void setUp() throws Exception {
        Path claude = AgentClis.require("claude");
        model = AnthropicStandIn.start();
        github = PullRequestStandIn.start("czar/login");
        GithubClient client = github.client(Clock.systemUTC());
        fleet = new Fleet(tmp, ClaudeCodeWorkersTest.claudeCodeWorkers(claude, model,
                Map.of("max-fix-rounds", 2, "auto-merge", true)), (f, wiring) -> {
            RemoteSync remote = new RemoteSync(f.repo.git().getRepository(), "origin", Duration.ZERO, Clock.systemUTC());
            prs = new PullRequestStore(f.db);
            return wiring.remote(remote).publishing(new PullRequestPublisher(new RemoteBranches(remote),
                    new PullRequestApi(client), prs, Clock.systemUTC()),
                    new PullRequestMerge(client, prs, "squash", Clock.systemUTC())).ci(new PullRequestChecks(client));
        });
        bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        fleet.repo.git().remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        fleet.repo.git().push().setRemote("origin").add("main").call();
    }

    @AfterEach
    void tearDown() throws Exception {
        // each is null when set-up skipped (the claude CLI is not installed here)
        for (AutoCloseable open : new AutoCloseable[] {fleet, github, model}) {
            if (open != null) {
                open.close();
            }
        }
    }

    @Test
    void should_take_a_claude_code_worker_from_the_remote_main_to_a_squash_merged_pull_request_through_a_failing_check()
            throws Exception {
        // given a teammate pushed to the remote's main since the local clone was made; the first head's checks fail
        String remoteMain = teammatePushes();
        github.stubChecksRedThenGreen();

        try (CapturedLogs logs = new CapturedLogs()) {
            // when Claude Code works, is sent back with the failing check, fixes it and passes
            fleet.launch("login", TASK);
            Workstream verified = fleet.await("login", w -> w.state() == WorkstreamState.VERIFYING && w.fixRounds() == 1
                    && prs.of("login").map(pr -> pr.state().equals("open")).orElse(false) && ciPassed(), Fleet.PATIENCE,
                    "verified, PR ready");
            String head = fleet.workers.headOf("czar/login").orElseThrow();

            // then its branch was cut from the remote's main and pushed there at the head the gate checked
            assertThat(verified.baseSha()).isEqualTo(remoteMain);
            try (Git remote = Git.open(bare.toFile())) {
                assertThat(remote.getRepository().resolve("refs/heads/czar/login").name()).isEqualTo(head);
            }
            assertThat(commitMessages(verified.baseSha(), head)).containsExactly("Answer 401 to a wrong password", "Add the login page");

            // and the draft carried the task, the refused report and 'Closes #19'
            github.server().verify(1, postRequestedFor(urlPathEqualTo(REPO + "/pulls"))
                    .withRequestBody(matchingJsonPath("$.draft", equalTo("true")))
                    .withRequestBody(matchingJsonPath("$.body", containing("Add a login page for issue #19")))
                    .withRequestBody(matchingJsonPath("$.body", containing("FAIL ci: checks failed on GitHub")))
                    .withRequestBody(matchingJsonPath("$.body", containing("Closes #19"))));

            // and the failing check reached the same Claude Code session as its next input
            String sessionId = fleet.workers.agentSessions().get("login").sessionId();
            assertThat(fleet.workers.history().events("login", 50)).anySatisfy(e ->
                    assertThat(e.reason()).contains("resuming session " + sessionId));
            String fixInput = fixRoundInput();
            assertThat(fixInput).contains("your claim of done was refused (fix round 1 of 2)")
                    .contains("- check run 4 'build' failure")
                    .contains("LoginTest: 1 of 12 failed")
                    .contains("src/test/java/app/LoginTest.java:42 failure: expected: 401 but was: 200")
                    .contains("LoginTest.should_reject_a_wrong_password:42 expected: 401 but was: 200");
            github.server().verify(patchRequestedFor(urlPathEqualTo(REPO + "/pulls/1347"))
                    .withRequestBody(matchingJsonPath("$.body", containing("PASS ci: checks green at " + head.substring(0, 7)))));

            // when an admin merges
            String merged = fleet.workers.merge("login", "alice").line();

            // then GitHub squashed exactly the verified head, the branch is gone and the workstream is DONE
            github.server().verify(putRequestedFor(urlPathEqualTo(REPO + "/pulls/1347/merge"))
                    .withRequestBody(matchingJsonPath("$.merge_method", equalTo("squash")))
                    .withRequestBody(matchingJsonPath("$.sha", equalTo(head))));
            github.server().verify(deleteRequestedFor(urlPathEqualTo(REPO + "/git/refs/heads/czar/login")));
            assertThat(merged).startsWith("Merged login: squash-merged pull request #1347").endsWith("DONE.");
            assertThat(fleet.workers.find("login").orElseThrow().state()).isEqualTo(WorkstreamState.DONE);
            assertThat(prs.of("login").orElseThrow().state()).isEqualTo("merged");
            assertThat(model.unknown()).isEmpty();
            assertThat(logs.lines()).noneMatch(line -> line.contains(PullRequestStandIn.TOKEN));
            writeTranscript(remoteMain, sessionId, fixInput, head, merged);
        }
    }

    /** Another clone pushes to the remote's main; returns that commit. */
    private String teammatePushes() throws Exception {
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(tmp.resolve("teammate").toFile()).call().close();
        try (TempGitRepo teammate = TempGitRepo.open(tmp.resolve("teammate"))) {
            String sha = teammate.commit("Add the site header", Map.of("header.html", "<header>shop</header>\n"));
            teammate.git().push().setRemote("origin").add("main").call();
            return sha;
        }
    }

    private List<String> commitMessages(String base, String head) throws Exception {
        List<String> messages = new ArrayList<>();
        var repo = fleet.repo.git().getRepository();
        for (RevCommit c : fleet.repo.git().log().addRange(repo.resolve(base), repo.resolve(head)).call()) {
            messages.add(c.getShortMessage());
        }
        return messages;
    }

    /** The text of the user turn that resumed the session after the refusal: what Claude Code was given. */
    private String fixRoundInput() {
        for (AnthropicStandIn.Request request : model.messages(AnthropicStandIn.Scenario.PR_FIX)) {
            JsonNode messages = request.json().path("messages");
            JsonNode last = messages.get(messages.size() - 1);
            StringBuilder text = new StringBuilder();
            last.path("content").forEach(block -> text.append(block.path("text").asText("")));
            if (last.path("content").isTextual()) {
                text.append(last.path("content").asText());
            }
            if (text.indexOf("your claim of done was refused") >= 0) {
                return text.toString();
            }
        }
        return "";
    }

    /** What docs/EVIDENCE.md shows for issue 19: the PR as opened, the fix round's input, the squash merge. */
    private void writeTranscript(String remoteMain, String sessionId, String fixInput, String head, String merged)
            throws Exception {
        StringBuilder out = new StringBuilder();
        LoggedRequest opened = github.first("POST", REPO + "/pulls").orElseThrow();
        JsonNode openedJson = Json.MAPPER.readTree(opened.getBodyAsString());
        out.append("== czar launch login --agent claude-code: branch czar/login cut from origin/main at ")
                .append(remoteMain, 0, 7).append(" (a teammate's commit the local main does not have)\n\n");
        out.append("== POST ").append(opened.getUrl()).append(" (draft: ").append(openedJson.path("draft").asText())
                .append(", head: ").append(openedJson.path("head").asText()).append(", base: ")
                .append(openedJson.path("base").asText()).append(")\ntitle: ").append(openedJson.path("title").asText())
                .append("\nbody:\n").append(openedJson.path("body").asText()).append('\n');
        out.append("== fix round 1: the message that resumed Claude Code session ").append(sessionId).append(" ==\n")
                .append(fixInput.strip()).append("\n\n");
        out.append("== commits on czar/login, pushed to the bare remote ==\n");
        commitMessages(remoteMain, head).forEach(m -> out.append(m).append('\n'));
        out.append("\n== the pull request's report after the fix (last PATCH), ci line ==\n");
        Json.MAPPER.readTree(lastPatch().getBodyAsString()).path("body").asText().lines()
                .filter(l -> l.contains(" ci: ")).forEach(l -> out.append(l).append('\n'));
        LoggedRequest merge = github.first("PUT", REPO + "/pulls/1347/merge").orElseThrow();
        out.append("\n== czar merge login (confirmed by alice) ==\nPUT ").append(merge.getUrl()).append(' ')
                .append(merge.getBodyAsString()).append('\n');
        out.append("DELETE ").append(github.first("DELETE", REPO + "/git/refs/heads/czar/login").orElseThrow().getUrl()).append('\n');
        out.append(merged).append("\n\n== events ==\n");
        fleet.workers.history().events("login", 50).forEach(e -> out.append(e.to() == null ? "note" : e.to()).append(": ")
                .append(e.reason().lines().findFirst().orElse("")).append('\n'));
        Files.createDirectories(TRANSCRIPT.getParent());
        Files.writeString(TRANSCRIPT, out.toString().replace(tmp.toString(), "<tmp>"));
    }

    private LoggedRequest lastPatch() {
        return github.server().getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("PATCH")).findFirst().orElseThrow(); // newest first
    }

    /** The gate's verdict is stored (the PR is marked ready on the gate's thread, a moment before). */
    private boolean ciPassed() {
        return fleet.workers.history().latestGate("login").stream()
                .anyMatch(i -> i.item().equals("ci") && i.status() == GateItem.Status.PASS);
    }
}
