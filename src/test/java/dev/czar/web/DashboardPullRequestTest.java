package dev.czar.web;

import dev.czar.config.DashboardConfig;
import dev.czar.digest.DigestFixture;
import dev.czar.github.PullRequestStore;
import dev.czar.github.ReportedChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet table's pull request column: number linked to GitHub, state, review and checks. */
class DashboardPullRequestTest {
    @TempDir
    Path tmp;
    DigestFixture fx;
    Dashboard dashboard;

    @AfterEach
    void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        fx.close();
    }

    @Test
    void should_link_each_workstreams_pull_request_with_its_state_review_and_checks() throws Exception {
        // given
        fx = DashboardTest.seeded(tmp);
        String head = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
        new PullRequestStore(fx.db).save(new PullRequestStore.PullRequest("fix-login", "octocat/Hello-World", 57,
                "https://github.com/octocat/Hello-World/pull/57", null, "open", head, fx.clock.instant()));
        new PullRequestStore(fx.db).applyReview("octocat/Hello-World", 57, "changes_requested", fx.clock.instant());
        new ReportedChecks(fx.db).record(new ReportedChecks.Check("octocat/Hello-World", head, "check_run", "build", "4401",
                "completed", "failure", null, fx.clock.instant()));
        dashboard = DashboardTest.start(fx, new DashboardConfig(0, "127.0.0.1", "", 5));

        // when
        String fleet = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url() + "fragment/fleet")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        // then
        assertThat(fleet).contains("<th>Pull request</th>")
                .contains("<td class=\"pr\"><a href=\"https://github.com/octocat/Hello-World/pull/57\">#57</a> open, changes requested"
                        + " <span class=\"checks red\">checks red</span></td>")
                .contains("<td class=\"pr\"><span class=\"quiet\">none</span></td>");
    }
}
