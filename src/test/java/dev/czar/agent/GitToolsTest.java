package dev.czar.agent;

import dev.czar.chat.EvidenceLog;
import dev.czar.chat.ToolCall;
import dev.czar.config.GitConfig;
import dev.czar.evidence.git.GitEvidence;
import dev.czar.testsupport.TempGitRepo;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The git tools as the model sees them: bound to one answer's evidence log, compact, capped, summarised. */
class GitToolsTest {
    @TempDir
    Path dir;

    @Test
    void should_summarise_long_branch_lists_with_a_count_and_record_the_call() {
        // given
        try (TempGitRepo repo = TempGitRepo.init(dir, "main")) {
            repo.commit("Initial import", Map.of("README.md", "x\n"));
            for (int b = 1; b <= 25; b++) {
                repo.checkout("main").branch(String.format("feature-%02d", b));
                repo.commit("Work on " + b, Map.of("f" + b + ".txt", "x\n"));
            }
            repo.checkout("main");
            try (GitEvidence git = GitEvidence.open(dir, new GitConfig(null, null))) {
                EvidenceLog log = new EvidenceLog();
                AgentTools.Bound tools = new AgentTools().register(GitTools.of(git, Clock.fixed(TempGitRepo.EPOCH, ZoneOffset.UTC), 10))
                        .bind(log, 2000);
                // when
                String result = tools.execute(ToolExecutionRequest.builder().id("1").name("git_branches").arguments("{}").build());
                // then
                assertThat(result).startsWith("main ").contains("25 other branches", "feature-01 ", "ahead=1 behind=0")
                        .endsWith("… and 5 more (not listed)");
                assertThat(result.lines().filter(l -> l.startsWith("feature-"))).hasSize(ToolText.MAX_ITEMS);
                assertThat(log.toolCalls()).containsExactly(new ToolCall("git.branches_status", true));
                assertThat(log.evidence()).hasSize(1 + ToolText.MAX_ITEMS);
            }
        }
    }

    @Test
    void should_cap_a_tool_result_and_say_it_was_cut() {
        // given
        try (TempGitRepo repo = TempGitRepo.init(dir, "main")) {
            repo.commit("Initial import", Map.of("README.md", "x\n"));
            repo.branch("feature-x");
            for (int c = 1; c <= 10; c++) {
                repo.commit("A long commit subject that goes on and on, number " + c, Map.of("f" + c + ".txt", "x\n"));
            }
            try (GitEvidence git = GitEvidence.open(dir, new GitConfig(null, null))) {
                AgentTools.Bound tools = new AgentTools().register(GitTools.of(git, Clock.systemUTC(), 10)).bind(new EvidenceLog(), 300);
                // when
                String result = tools.execute(ToolExecutionRequest.builder().id("1").name("git_recent_commits")
                        .arguments("{\"branch\":\"feature-x\"}").build());
                // then
                assertThat(result).hasSizeLessThan(400).endsWith("chars)").contains("(result cut at 300 of ");
            }
        }
    }

    @Test
    void should_offer_only_read_only_tools_with_named_parameters() {
        // given
        try (TempGitRepo repo = TempGitRepo.init(dir, "main"); GitEvidence git = openAfterFirstCommit(repo)) {
            // when
            var specs = AgentTools.standard(git, null, Clock.systemUTC(), ZoneOffset.UTC, 10).bind(new EvidenceLog(), 2000).specifications();
            // then
            assertThat(specs).extracting(s -> s.name()).containsExactly("git_branch_status", "git_branches", "git_diffstat",
                    "git_is_merged", "git_landed", "git_recent_commits", "llm_token_usage");
            assertThat(specs.get(0).parameters().properties()).containsKey("branch");
        }
    }

    private GitEvidence openAfterFirstCommit(TempGitRepo repo) {
        repo.commit("Initial import", Map.of("README.md", "x\n"));
        return GitEvidence.open(dir, new GitConfig(null, null));
    }
}
