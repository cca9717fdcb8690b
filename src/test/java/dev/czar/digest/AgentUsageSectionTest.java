package dev.czar.digest;

import dev.czar.workers.AgentSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest's token and cost section for worker agents: what their runs reported in the digest's window. */
class AgentUsageSectionTest {
    @TempDir
    Path tmp;
    DigestFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void should_sum_the_agents_tokens_and_cost_per_workstream_user_and_day_for_runs_in_the_window() {
        // given a run before the last digest and three after it, by two agents (Codex reports no cost)
        fx = new DigestFixture(tmp);
        AgentSessions sessions = new AgentSessions(fx.db, fx.clock);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.workers.launch("add-cache", "Add a response cache", 0, null, "U2", "C1", "T2");
        sessions.choose("fix-login", "claude-code");
        sessions.choose("add-cache", "codex");
        sessions.addUsage("fix-login", 2, 9000, 900, new BigDecimal("0.5"));
        Digests digests = fx.digests();
        digests.next("C-eng");
        fx.clock.advance(Duration.ofMinutes(10));
        sessions.addUsage("fix-login", 2, 120, 30, new BigDecimal("0.00135"));
        sessions.addUsage("fix-login", 1, 100, 20, new BigDecimal("0.001"));
        sessions.addUsage("add-cache", 1, 200, 14, null);

        // when
        Digest digest = digests.next("C-eng");

        // then only the runs since the last digest count, in each grouping
        String text = digest.render();
        assertThat(text).contains("per workstream fix-login: 2 run(s), tokens 220 in / 50 out, $0.00235")
                .contains("per workstream add-cache: 1 run(s), tokens 200 in / 14 out [worker")
                .contains("per user U1: 2 run(s)").contains("per user U2: 1 run(s), tokens 200 in / 14 out")
                .contains("per day 2026-11-02: 3 run(s), tokens 420 in / 64 out, $0.00235")
                .doesNotContain("9000").doesNotContain("9220");
        assertThat(digest.sections()).filteredOn(s -> s.title().equals(AgentUsageSection.TITLE)).singleElement()
                .satisfies(s -> assertThat(s.news()).isTrue());
    }

    @Test
    void should_say_so_when_no_agent_run_ended_in_the_window() {
        // given
        fx = new DigestFixture(tmp);

        // when
        Digest digest = fx.digests().next("C-eng");

        // then
        assertThat(digest.sections()).filteredOn(s -> s.title().equals(AgentUsageSection.TITLE)).singleElement()
                .satisfies(s -> {
                    assertThat(s.lines()).isEmpty();
                    assertThat(s.note()).isEqualTo("no agent run ended");
                });
    }
}
