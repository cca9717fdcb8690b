package dev.czar.evidence.ci;

import java.util.List;

/**
 * One imported JUnit XML report: counts for a commit, and the failed or errored cases with their messages.
 *
 * @param id              row id in {@code test_reports} (cited as evidence {@code ci:test-report/<id>})
 * @param durationSeconds the suites' own times, summed
 */
public record TestReport(long id, String commit, String source, int tests, int failures, int errors, int skipped,
                         double durationSeconds, List<TestFailure> failed) {
    public TestReport {
        failed = List.copyOf(failed);
    }

    public boolean passed() {
        return failures == 0 && errors == 0;
    }

    /**
     * @param kind    {@code failure} (assertion) or {@code error} (unexpected exception)
     * @param message the framework's message attribute, first line, or {@code null}
     */
    public record TestFailure(String suite, String classname, String name, String kind, String message) {
    }
}
