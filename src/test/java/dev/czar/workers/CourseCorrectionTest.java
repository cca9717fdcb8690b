package dev.czar.workers;

import dev.czar.store.AuditLog;
import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static dev.czar.testsupport.SeedTasks.GATEWAY;
import static dev.czar.testsupport.SeedTasks.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * workers.auto-redirect (issue 24) with the scripted agent: the Gateway-API worker commits the audit work; czar
 * sends it, as its next input, a course correction quoting its task and the audit task its branch matches instead,
 * once for the whole drift (a second drifting commit does not send another).
 */
class CourseCorrectionTest {
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
    void should_send_the_drifting_worker_one_course_correction_as_its_next_input() {
        // given
        fleet = new Fleet(tmp, Map.of("auto-redirect", true),
                (f, wiring) -> wiring.judgingFit(MiniLmEmbedder.shared(), 0.2, null));
        fleet.launch("audit", AUDIT + "\nagent-mode: tick\n");
        fleet.launch("gateway", GATEWAY + "\nagent-mode: commit-listen\nagent-file: src/audit/HashChainLog.java\n"
                + "agent-content: public class HashChainLog { void recordAdminAction() {} }\n"
                + "agent-message: Append-only audit log of admin actions with a hash chain\nagent-linger: 30\n");

        // when: it hears the correction, and commits more audit work after it
        fleet.await("gateway", w -> fleet.workers.logTail("gateway", 20).contains("committed work/gateway-more.txt"), Fleet.PATIENCE,
                "corrected");
        fleet.workers.supervisor().tick();
        fleet.workers.supervisor().tick();

        // then
        String log = fleet.workers.logTail("gateway", 40);
        assertThat(log).contains("heard: czar course correction (workers.auto-redirect): your task is: \"Build the "
                        + "Gateway API")
                .contains("it looks like audit's task instead: \"Add a tamper-evident audit log")
                .contains("(changed: src/audit/HashChainLog.java)");
        assertThat(log.lines().filter(l -> l.startsWith("heard: "))).hasSize(1);
        assertThat(fleet.workers.history().events("gateway", 50)).filteredOn(e -> e.reason() != null
                && e.reason().startsWith("course correction queued as its next input")).hasSize(1);
        assertThat(new AuditLog(fleet.db, Clock.systemUTC()).recent(20))
                .filteredOn(e -> e.command().equals("auto-redirect")).singleElement()
                .satisfies(e -> {
                    assertThat(e.arguments()).isEqualTo("gateway");
                    assertThat(e.outcome()).isEqualTo("sent");
                    assertThat(e.detail()).startsWith("queued for its stdin: czar course correction");
                });
    }

    @Test
    void should_send_nothing_with_auto_redirect_off() {
        // given
        fleet = new Fleet(tmp, Map.of(), (f, wiring) -> wiring.judgingFit(MiniLmEmbedder.shared(), 0.2, null));
        fleet.launch("audit", AUDIT + "\nagent-mode: tick\n");
        fleet.launch("gateway", GATEWAY + "\nagent-mode: commit-listen\nagent-file: src/audit/HashChainLog.java\n"
                + "agent-content: public class HashChainLog { void recordAdminAction() {} }\n"
                + "agent-message: Append-only audit log of admin actions with a hash chain\nagent-linger: 30\n");

        // when
        fleet.await("gateway", w -> fleet.workers.alerts().stream().anyMatch(a -> a.kind().equals("drifting")),
                Fleet.PATIENCE, "flagged as drifting");
        fleet.workers.supervisor().tick();

        // then
        assertThat(fleet.workers.logTail("gateway", 40)).doesNotContain("heard: ");
        assertThat(new AuditLog(fleet.db, Clock.systemUTC()).recent(20)).noneMatch(e -> e.command().equals("auto-redirect"));
    }
}
