package dev.czar.evidence.ci;

import dev.czar.UserError;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class JunitReportImporterTest {
    static final String SHA = "acb5820ced9479c074f688cc328bf03f341a511d";

    final Database db = MemoryDatabase.open();
    final JunitReportImporter importer = new JunitReportImporter(db, Clock.fixed(Instant.parse("2026-11-06T10:00:00Z"), ZoneOffset.UTC));
    final TestReports reports = new TestReports(db);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_count_surefire_cases_with_failure_messages_and_duration() {
        JunitReportImporter.Result result = importer.importReports(SHA, List.of(Fixtures.path("junit/TEST-dev.example.ParserTest.xml")));

        TestReport report = result.imported().get(0);
        assertThat(report).extracting(TestReport::tests, TestReport::failures, TestReport::errors, TestReport::skipped,
                TestReport::durationSeconds).containsExactly(4, 1, 1, 1, 0.412);
        assertThat(report.failed()).extracting(TestReport.TestFailure::name, TestReport.TestFailure::kind, TestReport.TestFailure::message)
                .containsExactly(tuple("parsesNestedArrays", "failure", "expected: <3> but was: <2>"),
                        tuple("rejectsTrailingComma", "error", "Index 5 out of bounds for length 5"));
    }

    @Test
    void should_read_pytest_and_gradle_reports_and_sum_them_per_commit() {
        importer.importReports(SHA, List.of(Fixtures.path("junit/pytest-junit.xml"),
                Fixtures.path("junit/gradle-TEST-com.example.RenderTest.xml")));

        List<TestReport> stored = reports.forCommit("acb5820");

        assertThat(stored).extracting(TestReport::source, TestReport::tests, TestReport::failures)
                .containsExactly(tuple("pytest-junit.xml", 3, 1), tuple("gradle-TEST-com.example.RenderTest.xml", 2, 0));
        assertThat(TestReports.render("acb5820", stored)).isEqualTo(
                "Tests for acb5820: FAILED, 5 run, 1 failed, 0 errored, 0 skipped in 1.31 s (2 reports).\n"
                        + "  FAIL  tests.test_parse.test_parse_big: AssertionError: assert 0.9 < 0.5  (pytest-junit.xml)");
    }

    @Test
    void should_add_nothing_when_the_same_report_is_imported_again_for_the_same_commit() {
        Path file = Fixtures.path("junit/pytest-junit.xml");
        importer.importReports(SHA, List.of(file));

        JunitReportImporter.Result again = importer.importReports(SHA, List.of(file));

        assertThat(again.imported()).isEmpty();
        assertThat(again.alreadyImported()).containsExactly("pytest-junit.xml");
        assertThat(reports.forCommit(SHA)).hasSize(1);
    }

    @Test
    void should_reject_broken_and_doctype_files_and_still_import_the_rest() {
        JunitReportImporter.Result result = importer.importReports(SHA, List.of(Fixtures.path("junit/truncated.xml"),
                Fixtures.path("junit/doctype.xml"), Fixtures.path("junit/gradle-TEST-com.example.RenderTest.xml")));

        assertThat(result.imported()).hasSize(1);
        assertThat(result.rejected()).extracting(JunitReportImporter.Result.Rejected::file).containsExactly("truncated.xml", "doctype.xml");
        assertThat(result.rejected()).allSatisfy(r -> assertThat(r.reason()).startsWith("not well-formed XML"));
    }

    @Test
    void should_refuse_a_commit_that_is_not_a_hex_id() {
        assertThatThrownBy(() -> importer.importReports("feature x", List.of()))
                .isInstanceOf(UserError.class)
                .hasMessage("'feature x' is not a commit id (give at least 7 hex digits, or a branch name)");
    }
}
