package dev.czar.workers;

import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeds' headline failure with the scripted agent (issue 24): two workers, the Gateway-API task and the audit
 * task; the gateway worker commits the audit work. czar must say so within a supervisor round, naming the other
 * workstream, and its gate must fail the task-fit item with the task quoted for the worker.
 */
class TaskFitScenarioTest {
    private static final String GATEWAY = "Build the Gateway API: REST endpoints that route client requests to the "
            + "backend services, with request validation";
    private static final String AUDIT = "Add a tamper-evident audit log: every admin action is recorded in an "
            + "append-only hash chain";
    @TempDir
    Path tmp;
    Fleet fleet;

    @AfterEach
    void tearDown() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void should_alert_and_fail_the_gate_when_the_gateway_worker_builds_the_audit_log() {
        // given
        fleet = new Fleet(tmp, Map.of());
        fleet.workers.fitWith(MiniLmEmbedder.shared(), 0.05);
        fleet.launch("audit", AUDIT + "\nagent-mode: tick\n");
        fleet.launch("gateway", GATEWAY + "\nagent-mode: commit\nagent-file: src/audit/HashChainLog.java\n"
                + "agent-content: public class HashChainLog { void recordAdminAction() {} }\n"
                + "agent-message: Append-only audit log of admin actions with a hash chain\nagent-linger: 30\n");

        // when
        fleet.await("gateway", w -> fleet.workers.alerts().stream().anyMatch(a -> a.kind().equals("drifting")),
                Fleet.PATIENCE, "flagged as drifting");

        // then
        assertThat(fleet.workers.alerts()).filteredOn(a -> a.kind().equals("drifting")).singleElement()
                .satisfies(a -> {
                    assertThat(a.a()).isEqualTo("gateway");
                    assertThat(a.b()).isEqualTo("audit");
                    assertThat(a.line()).startsWith("did the wrong task? gateway looks like audit's work: the branch (");
                });
        assertThat(fleet.workers.store().events("gateway", 20))
                .anyMatch(e -> e.reason().startsWith("did the wrong task? gateway looks like audit's work"));
        Workstream gateway = fleet.workers.find("gateway").orElseThrow();
        GateItem item = fleet.workers.supervisor().gate().check(gateway, "main", tmp, 1).items().stream()
                .filter(i -> i.item().equals("task-fit")).findFirst().orElseThrow();
        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).startsWith("drifting: the branch (").contains("matches audit's task")
                .contains("Your task is: \"Build the Gateway API");
    }
}
