package dev.czar.workers;

import dev.czar.config.CiConfig;
import dev.czar.evidence.ci.CiSources;
import dev.czar.evidence.ci.CiStatus;
import dev.czar.evidence.ci.WorkflowRun;
import dev.czar.store.Database;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CiGateTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";

    private final Database db = MemoryDatabase.open();
    private final CiSources ci = CiSources.over(new CiConfig(null), null, db, CLOCK);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_fail_the_gate_when_the_heads_imported_test_report_has_failures() {
        ci.junit().importReports(HEAD, List.of(Fixtures.copy("junit/TEST-dev.example.ParserTest.xml", dir)));

        GateItem item = CiGate.over(ci).check("czar/parser", HEAD);

        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).startsWith("test report(s) for 1234567 failed:");
    }

    @Test
    void should_skip_and_say_why_when_there_is_no_ci_evidence_for_the_head() {
        GateItem item = CiGate.over(ci).check("czar/parser", HEAD);

        assertThat(item.status()).isEqualTo(GateItem.Status.SKIP);
        assertThat(item.evidence()).contains("no test report imported for 1234567").contains("not configured");
    }

    @Test
    void should_hold_while_a_run_is_in_progress_and_fail_on_a_red_run() {
        WorkflowRun running = run(1, "in_progress", null);
        WorkflowRun red = run(2, "completed", "failure");
        WorkflowRun green = run(3, "completed", "success");

        assertThat(CiGate.decide(HEAD, List.of(), actions(green, running)).status()).isEqualTo(GateItem.Status.WAIT);
        assertThat(CiGate.decide(HEAD, List.of(), actions(green, red)).status()).isEqualTo(GateItem.Status.FAIL);
        GateItem pass = CiGate.decide(HEAD, List.of(), actions(green));
        assertThat(pass.status()).isEqualTo(GateItem.Status.PASS);
        assertThat(pass.evidence()).contains("run 3 success https://github.com/acme/shop/actions/runs/3");
    }

    private static CiStatus actions(WorkflowRun... runs) {
        return new CiStatus(true, "acme/shop", HEAD, List.of(runs), CLOCK.instant(), true, null);
    }

    private static WorkflowRun run(long id, String status, String conclusion) {
        return new WorkflowRun(id, "build", (int) id, "czar/parser", HEAD, "push", status, conclusion,
                "https://github.com/acme/shop/actions/runs/" + id, CLOCK.instant(), CLOCK.instant(), List.of());
    }
}
