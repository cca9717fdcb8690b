package dev.czar.evidence.ci;

import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Read side of imported test reports: what the tests said about a commit. */
public final class TestReports {
    private final Database db;

    public TestReports(Database db) {
        this.db = db;
    }

    /** Reports of commits starting with {@code shaPrefix}, oldest import first, with their failed cases. */
    public List<TestReport> forCommit(String shaPrefix) {
        String prefix = JunitReportImporter.checkCommit(shaPrefix);
        try (Connection c = db.connection();
             PreparedStatement reports = c.prepareStatement("SELECT id, commit_sha, source, tests, failures, errors, skipped,"
                     + " duration_s FROM test_reports WHERE commit_sha LIKE ? ORDER BY id");
             PreparedStatement failures = c.prepareStatement("SELECT suite, classname, name, kind, message FROM test_failures"
                     + " WHERE report_id = ? ORDER BY id")) {
            reports.setString(1, prefix + "%");
            List<TestReport> out = new ArrayList<>();
            try (ResultSet rs = reports.executeQuery()) {
                while (rs.next()) {
                    failures.setLong(1, rs.getLong(1));
                    List<TestReport.TestFailure> failed = new ArrayList<>();
                    try (ResultSet f = failures.executeQuery()) {
                        while (f.next()) {
                            failed.add(new TestReport.TestFailure(f.getString(1), f.getString(2), f.getString(3), f.getString(4), f.getString(5)));
                        }
                    }
                    out.add(new TestReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getInt(7), rs.getDouble(8), failed));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading test reports", e);
        }
    }

    /** "Tests for acb5820: 9 run, 1 failed, 1 errored, 1 skipped in 1.72 s (3 reports)." plus one line per failure. */
    public static String render(String commit, List<TestReport> reports) {
        if (reports.isEmpty()) {
            return "No test reports imported for " + commit + ". Import some: czar ci import-junit --commit " + commit + " FILE...";
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double duration = 0;
        for (TestReport r : reports) {
            tests += r.tests();
            failures += r.failures();
            errors += r.errors();
            skipped += r.skipped();
            duration += r.durationSeconds();
        }
        String shortSha = reports.get(0).commit().substring(0, Math.min(7, reports.get(0).commit().length()));
        StringBuilder out = new StringBuilder("Tests for " + shortSha + ": " + (failures + errors == 0 ? "passed, " : "FAILED, ")
                + tests + " run, " + failures + " failed, " + errors + " errored, " + skipped + " skipped in "
                + String.format(Locale.ROOT, "%.2f", duration) + " s (" + reports.size() + (reports.size() == 1 ? " report)." : " reports)."));
        for (TestReport r : reports) {
            for (TestReport.TestFailure f : r.failed()) {
                out.append("\n  ").append(f.kind().equals("error") ? "ERROR " : "FAIL  ")
                        .append(f.classname() == null || f.classname().isEmpty() ? "" : f.classname() + ".").append(f.name())
                        .append(f.message() == null ? "" : ": " + f.message()).append("  (").append(r.source()).append(')');
            }
        }
        return out.toString();
    }
}
