package dev.czar.evidence.ci;

import dev.czar.config.CiConfig;
import dev.czar.github.GithubClient;
import dev.czar.store.Database;

import java.time.Clock;

/**
 * The CI evidence services, wired once by the composition root.
 *
 * @param actions GitHub Actions runs (off unless {@code ci.github.repo} is set)
 * @param junit   imports JUnit XML reports for a commit
 * @param tests   reads imported test reports back
 */
public record CiSources(CiEvidence actions, JunitReportImporter junit, TestReports tests) {
    public static CiSources over(CiConfig config, String githubToken, Database db, Clock clock) {
        return new CiSources(CiEvidence.fromConfig(config, githubToken, db, clock), new JunitReportImporter(db, clock, config.maxReportBytes()),
                new TestReports(db));
    }

    /** Over the composition root's one GitHub client ({@code null} when GitHub is not configured). */
    public static CiSources withClient(CiConfig config, GithubClient github, Database db, Clock clock) {
        return new CiSources(new CiEvidence(github == null ? null : new GithubActionsClient(github), db, clock),
                new JunitReportImporter(db, clock, config.maxReportBytes()), new TestReports(db));
    }
}
