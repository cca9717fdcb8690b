package dev.czar.evidence.ci;

import dev.czar.UserError;
import dev.czar.config.CiConfig;
import dev.czar.store.Database;
import dev.czar.store.StoreException;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Imports JUnit XML reports (Surefire/Failsafe, pytest {@code --junitxml}, Gradle) as test evidence for a commit:
 * counts, failed cases with their message, duration. This is how a worker's verify command, or a team without
 * CI, provides test evidence. Importing the same report for the same commit again adds nothing; a file that is
 * not a report is rejected with the reason and the others are still imported.
 */
public final class JunitReportImporter {
    private final Database db;
    private final Clock clock;
    private final long maxReportBytes;

    public JunitReportImporter(Database db, Clock clock) {
        this(db, clock, CiConfig.DEFAULT_MAX_REPORT_BYTES);
    }

    /** @param maxReportBytes {@code ci.max-report-bytes}: larger files are refused before anything is read */
    public JunitReportImporter(Database db, Clock clock, long maxReportBytes) {
        this.db = db;
        this.clock = clock;
        this.maxReportBytes = maxReportBytes;
    }

    /** What one import did. */
    public record Result(List<TestReport> imported, List<String> alreadyImported, List<Rejected> rejected) {
        /** A file that is not a readable JUnit XML report. */
        public record Rejected(String file, String reason) {
        }
    }

    /**
     * @param commit full or abbreviated hex commit id the reports belong to
     * @throws UserError when the commit is not a hex id, a file does not exist or is over {@code ci.max-report-bytes}
     */
    public Result importReports(String commit, List<Path> files) {
        String sha = checkCommit(commit);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserError("no such file: " + f);
            }
            checkSize(f);
        }
        List<TestReport> imported = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<Result.Rejected> rejected = new ArrayList<>();
        for (Path file : files) {
            String source = file.getFileName().toString();
            MessageDigest digest = digest(sha);
            try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest)) {
                // the XML parser closes its input at the end of the document; the rest must still reach the hash
                JunitXml.Parsed parsed = JunitXml.parse(new FilterInputStream(in) {
                    @Override
                    public void close() {
                    }
                });
                in.transferTo(OutputStream.nullOutputStream()); // the hash covers the whole file, trailing bytes too
                String hash = HexFormat.of().formatHex(digest.digest());
                if (store(sha, source, hash, parsed, imported)) {
                    continue;
                }
                already.add(source);
            } catch (JunitXml.NotAReport e) {
                rejected.add(new Result.Rejected(source, e.getMessage()));
            } catch (IOException e) {
                rejected.add(new Result.Rejected(source, "cannot read: " + e.getMessage()));
            }
        }
        return new Result(imported, already, rejected);
    }

    static String checkCommit(String commit) {
        String sha = commit == null ? "" : commit.strip().toLowerCase(Locale.ROOT);
        if (!sha.matches("[0-9a-f]{7,64}")) {
            throw new UserError("'" + commit + "' is not a commit id (give at least 7 hex digits, or a branch name)");
        }
        return sha;
    }

    /** Stores a report in one transaction; returns false when the same report was already there. */
    private boolean store(String sha, String source, String hash, JunitXml.Parsed p, List<TestReport> out) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement st = c.prepareStatement("INSERT INTO test_reports (commit_sha, source, content_hash, tests,"
                        + " failures, errors, skipped, duration_s, imported_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM test_reports WHERE content_hash = ?)", Statement.RETURN_GENERATED_KEYS)) {
                    st.setString(1, sha);
                    st.setString(2, source);
                    st.setString(3, hash);
                    st.setInt(4, p.tests());
                    st.setInt(5, p.failures());
                    st.setInt(6, p.errors());
                    st.setInt(7, p.skipped());
                    st.setDouble(8, p.durationSeconds());
                    st.setTimestamp(9, Timestamp.from(clock.instant()));
                    st.setString(10, hash);
                    if (st.executeUpdate() == 0) {
                        c.rollback();
                        return false;
                    }
                    try (ResultSet keys = st.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                try (PreparedStatement st = c.prepareStatement("INSERT INTO test_failures (report_id, suite, classname, name,"
                        + " kind, message) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (TestReport.TestFailure f : p.failed()) {
                        st.setLong(1, id);
                        st.setString(2, cut(f.suite()));
                        st.setString(3, cut(f.classname()));
                        st.setString(4, cut(f.name()));
                        st.setString(5, f.kind());
                        st.setString(6, f.message());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                c.commit();
                out.add(new TestReport(id, sha, source, p.tests(), p.failures(), p.errors(), p.skipped(), p.durationSeconds(), p.failed()));
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing test report " + source, e);
        }
    }

    private static String cut(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }

    private void checkSize(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxReportBytes) {
                throw new UserError(file + " is " + size + " bytes, over ci.max-report-bytes (" + maxReportBytes
                        + "); nothing was imported (raise the limit in czar.yaml or CZAR_CI_MAX_REPORT_BYTES)");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the commit, a zero byte, then the report's bytes as they stream by. */
    private static MessageDigest digest(String sha) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(sha.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
