package dev.czar.github;

import dev.czar.workers.DoneGate;
import dev.czar.workers.GateItem;
import dev.czar.workers.Workstream;
import dev.czar.workers.WorkstreamState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pull request body names where the work is discussed: the workstream's Slack thread. */
class PullRequestBodyTest {
    static final DoneGate.Report REPORT = new DoneGate.Report("ec26c3e57ca3a959ca5aad62de7213c562f8c821",
            List.of(GateItem.pass("commits", "1 commit(s)")));

    @Test
    void should_link_the_thread_as_a_slack_permalink_when_the_workspace_is_known() {
        String body = PullRequestBody.render(workstream("C0ENGAGENTS", "1764250000.000100"), REPORT, "https://acme.slack.com");

        assertThat(body).contains("Slack thread: https://acme.slack.com/archives/C0ENGAGENTS/p1764250000000100\n");
    }

    @Test
    void should_name_the_thread_without_a_link_when_the_workspace_is_not_configured() {
        String body = PullRequestBody.render(workstream("C0ENGAGENTS", "1764250000.000100"), REPORT, "");

        assertThat(body).contains("Slack thread: channel C0ENGAGENTS, thread 1764250000.000100 (set slack.workspace-url for a link)")
                .doesNotContain("https://");
    }

    @Test
    void should_leave_the_thread_out_for_workstreams_launched_from_the_cli_or_with_odd_ids() {
        assertThat(PullRequestBody.render(workstream("cli", null), REPORT, "https://acme.slack.com")).doesNotContain("Slack thread");
        assertThat(PullRequestBody.render(workstream("C0ENGAGENTS", "../../evil"), REPORT, "https://acme.slack.com"))
                .doesNotContain("Slack thread");
    }

    private static Workstream workstream(String channel, String thread) {
        Instant now = Instant.parse("2026-12-07T09:00:00Z");
        return new Workstream("login", "Add a login page", 0, null, "czar/login", null, WorkstreamState.VERIFYING, 0, 0, 0,
                "U0ALICE", channel, thread, null, null, null, 0, null, null, null, now, now, null);
    }
}
