package dev.czar.workers;

import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent, session and usage of each workstream in H2, and the sums of its runs. */
class AgentSessionsTest {
    private final Database db = MemoryDatabase.open();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T01:30:00Z"), ZoneOffset.UTC);
    private final WorkstreamStore store = new WorkstreamStore(db, clock);
    private final AgentSessions sessions = new AgentSessions(db, clock);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_sum_usage_over_runs_and_keep_the_cost_unknown_only_until_an_agent_reports_one() {
        // given
        store.create(new WorkstreamStore.NewWorkstream("api", "task", 0, null, "U1", "C1", null), WorkstreamState.QUEUED, "launched");
        sessions.choose("api", "claude-code");
        sessions.progress("api", "s-1", "Bash git commit -m fix", 2);

        // when a run without a cost, then one with
        sessions.addUsage("api", 1, 100, 10, null);
        AgentSessions.AgentSession noCost = sessions.find("api").orElseThrow();
        sessions.addUsage("api", 2, 200, 20, new BigDecimal("0.25"));

        // then
        assertThat(noCost.costUsd()).isNull();
        AgentSessions.AgentSession api = sessions.find("api").orElseThrow();
        assertThat(api).extracting(AgentSessions.AgentSession::sessionId, AgentSessions.AgentSession::turns,
                AgentSessions.AgentSession::inputTokens, AgentSessions.AgentSession::outputTokens,
                AgentSessions.AgentSession::lastTool, AgentSessions.AgentSession::filesChanged)
                .containsExactly("s-1", 3, 300L, 30L, "Bash git commit -m fix", 2);
        assertThat(api.costUsd()).isEqualByComparingTo("0.25");
        assertThat(sessions.usageBy("day")).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("2026-12-07");
            assertThat(d.runs()).isEqualTo(2);
            assertThat(d.inputTokens()).isEqualTo(300);
        });
        assertThat(sessions.usageBy("user")).extracting(AgentSessions.UsageSum::key).containsExactly("U1");
    }

    @Test
    void should_forget_the_session_when_the_workstream_changes_agent() {
        store.create(new WorkstreamStore.NewWorkstream("api", "task", 0, null, "U1", "C1", null), WorkstreamState.QUEUED, "launched");
        sessions.choose("api", "claude-code");
        sessions.progress("api", "s-1", null, 0);

        sessions.choose("api", "command");

        assertThat(sessions.find("api").orElseThrow()).extracting(AgentSessions.AgentSession::agent,
                AgentSessions.AgentSession::sessionId).containsExactly("command", null);
    }
}
