package dev.czar.cli;

import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.GitCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names as people type them, asked through the real {@code czar ask} in a fresh clone whose branches are only
 * remote-tracking: each answer's numbers are checked against the git CLI in the same clone.
 */
class BranchNamesAskTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T18:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private GitCli clone;

    @BeforeEach
    void freshClone() {
        GitCli upstream = GitCli.init(tmp.resolve("upstream"));
        upstream.write("app.txt", "one\n").commitAll("initial");
        upstream.run("checkout", "-q", "-b", "spring-ai");
        upstream.write("ai.txt", "model\nclient\n").commitAll("spring-ai: client");
        upstream.write("ai.txt", "model\nclient\nretry\n").commitAll("spring-ai: retry");
        upstream.run("checkout", "-q", "main");
        upstream.run("checkout", "-q", "-b", "wavefront");
        upstream.write("metrics.txt", "wavefront\n").commitAll("wavefront metrics");
        upstream.run("checkout", "-q", "main");
        upstream.run("merge", "-q", "--no-ff", "-m", "Merge wavefront", "wavefront");
        upstream.run("checkout", "-q", "-b", "agent/auth-login");
        upstream.write("login.txt", "login\n").commitAll("agent: login form");
        upstream.run("checkout", "-q", "--orphan", "gh-pages");
        upstream.run("rm", "-rfq", ".");
        upstream.write("index.html", "<p>docs</p>\n").commitAll("pages");
        upstream.run("checkout", "-q", "main");
        new GitCli(tmp).run("clone", "-q", upstream.dir().toString(), "clone");
        clone = new GitCli(tmp.resolve("clone"));
    }

    private String ask(String question) {
        CliRun run = CliRun.run(Map.of(), CLOCK, "ask", "--repo", clone.dir().toString(), "--home",
                tmp.resolve("home").toString(), question);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private String[] behindAhead(String ref) {
        return clone.run("rev-list", "--left-right", "--count", "main..." + ref).strip().split("\\s+");
    }

    @Test
    void status_of_a_short_name_answers_about_the_only_remote_tracking_branch_with_it() {
        assertThat(clone.run("branch", "--format=%(refname:short)").strip()).isEqualTo("main");
        String[] counts = behindAhead("origin/spring-ai");

        assertThat(ask("status of spring-ai"))
                .contains("origin/spring-ai: " + counts[1] + " commits ahead of main, " + counts[0] + " behind, not merged");
    }

    @Test
    void is_x_merged_answers_about_the_remote_tracking_branch_instead_of_an_overview() {
        assertThat(behindAhead("origin/wavefront")[1]).isEqualTo("0");

        assertThat(ask("is wavefront merged?")).contains("origin/wavefront is merged");
    }

    @Test
    void what_changed_and_recent_commits_use_the_same_names() {
        String shortstat = clone.run("diff", "--shortstat", "main..origin/spring-ai").strip();

        // main has the merged metrics.txt that spring-ai lacks: two-dot shows it as removed, as git does
        assertThat(shortstat).isEqualTo("2 files changed, 3 insertions(+), 1 deletion(-)");
        assertThat(ask("what changed on spring-ai")).contains("git diff main..origin/spring-ai").contains("2 files changed, +3 -1");
        assertThat(ask("recent commits on spring-ai")).contains("spring-ai: retry").contains("spring-ai: client");
    }

    @Test
    void a_branch_named_with_a_topic_word_is_still_a_branch() {
        String[] counts = behindAhead("origin/agent/auth-login");

        assertThat(ask("status of agent/auth-login"))
                .contains("origin/agent/auth-login: " + counts[1] + " commit ahead of main")
                .doesNotContain("workstream");
    }

    @Test
    void an_unrelated_gh_pages_branch_has_no_common_history_with_main() {
        assertThat(ask("status of gh-pages")).contains("origin/gh-pages: no common history with main")
                .doesNotContain("ahead of main");
        assertThat(ask("is gh-pages merged?")).contains("no common history");
    }

    @Test
    void ahead_of_head_expressions_and_sha_prefixes_resolve_like_git() {
        String sha = clone.run("rev-parse", "origin/spring-ai~1").strip();

        assertThat(ask("status of " + sha.substring(0, 8))).contains(sha.substring(0, 8) + ": 1 commit ahead of main");
        assertThat(ask("what changed on HEAD~1")).contains("git diff main..HEAD~1");
        assertThat(ask("what changed on HEAD~40")).contains("I found no branch named 'HEAD~40'");
    }

    @Test
    void a_name_on_two_remotes_is_answered_with_the_candidates() {
        clone.run("remote", "add", "fork", tmp.resolve("upstream").toString());
        clone.run("fetch", "-q", "fork");

        assertThat(ask("status of spring-ai")).contains("ambiguous").contains("origin/spring-ai").contains("fork/spring-ai");
    }

    @Test
    void a_question_czar_cannot_route_gets_what_it_can_answer() {
        assertThat(ask("what's the weather in Paris?")).contains("I can answer").contains("status of <branch>")
                .doesNotContain("other branches");
    }
}
