package dev.czar.store;

import dev.czar.bench.BenchResults;
import dev.czar.bench.PerformanceReport;
import dev.czar.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (bench profile only): appends 100,000 commands to the audit log of a file database, as czar does, then
 * times {@link AuditVerifier#verify()} over the whole chain (the dashboard and every digest run it).
 */
class AuditVerifyBenchmark {
    private static final int ROWS = 100_000;
    private static final int RUNS = 5;
    private static final long TARGET_MS = 2_000;

    @TempDir
    Path home;

    @Test
    void verify_an_audit_chain_of_100000_rows() {
        String loadBefore = PerformanceReport.loadAverage();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        try (Database db = Database.open(home)) {
            // given
            AuditLog audit = new AuditLog(db, clock);
            long t0 = System.nanoTime();
            for (int i = 0; i < ROWS; i++) {
                audit.record("U" + (i % 40), "C" + (i % 3), i % 5 == 0 ? "launch" : "status",
                        "fix-" + i + " Fix the login redirect loop on the settings page", i % 7 == 0 ? "refused" : "ok",
                        i % 7 == 0 ? "role viewer" : null);
                clock.advance(Duration.ofMillis(250));
            }
            long appended = System.nanoTime() - t0;

            // when
            AuditVerifier verifier = new AuditVerifier(db);
            List<Long> runs = new ArrayList<>();
            AuditVerification result = null;
            for (int r = 0; r < RUNS; r++) {
                long start = System.nanoTime();
                result = verifier.verify();
                runs.add(System.nanoTime() - start);
            }

            // then
            assertThat(result.line()).startsWith("audit log intact: " + ROWS + " rows");
            List<Long> sorted = new ArrayList<>(runs);
            Collections.sort(sorted);
            long median = sorted.get(RUNS / 2);
            boolean held = median / 1_000_000 <= TARGET_MS;
            String body = "`AuditVerifyBenchmark`: " + BenchResults.count(ROWS) + " commands appended to the audit log of a"
                    + " file database through `AuditLog.record` (each a transaction locking the chain head) in "
                    + PerformanceReport.ms(appended) + "; then `AuditVerifier.verify()` over the whole chain, " + RUNS
                    + " runs: median " + PerformanceReport.ms(median) + " (runs: "
                    + runs.stream().map(PerformanceReport::ms).toList() + "). Target: at most " + TARGET_MS + " ms: "
                    + (held ? "met" : "NOT met") + ".\n";
            PerformanceReport.write("audit-verify", "Audit chain verification (100,000 rows)", loadBefore, body);
            BenchResults.record("18-audit-verify", "audit log hash chain verified end to end, 100,000 rows",
                    "`AuditVerifyBenchmark` (file database)", "<= " + TARGET_MS + " ms",
                    "median " + PerformanceReport.ms(median) + "; appends " + PerformanceReport.ms(appended / ROWS * 1000)
                            + " per 1,000", held);
            System.out.println(body);
        }
    }
}
