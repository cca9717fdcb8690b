package dev.czar.workers;

import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.czar.testsupport.SeedTasks.GATEWAY;
import static dev.czar.testsupport.SeedTasks.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeds' headline failure with the scripted agent (issue 24): two workers, the Gateway-API task and the audit
 * task; the gateway worker commits the audit work. czar must say so within a supervisor round, naming the other
 * workstream, and its gate must fail the task-fit item with the task quoted for the worker.
 */
class TaskFitScenarioTest {
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
        fleet = new Fleet(tmp, Map.of(), (f, wiring) -> wiring.judgingFit(MiniLmEmbedder.shared(), 0.2, null));
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
        assertThat(fleet.workers.history().events("gateway", 20))
                .anyMatch(e -> e.reason().startsWith("did the wrong task? gateway looks like audit's work"));
        Workstream gateway = fleet.workers.find("gateway").orElseThrow();
        GateItem item = fleet.workers.supervisor().gate().check(gateway, "main", tmp, 1).items().stream()
                .filter(i -> i.item().equals("task-fit")).findFirst().orElseThrow();
        assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
        assertThat(item.evidence()).startsWith("drifting: the branch (").contains("matches audit's task")
                .contains("Your task is: \"Build the Gateway API");
    }

    @Test
    void should_warn_at_launch_and_alert_once_when_the_gateway_task_is_launched_twice_in_other_words() {
        // given
        fleet = new Fleet(tmp, Map.of(), (f, wiring) -> wiring.comparingTasks(MiniLmEmbedder.shared(), 0.8, 0.4)
                .judgingFit(MiniLmEmbedder.shared(), 0.2, null));
        fleet.launch("gw-1", "Build the Gateway API that routes requests to the services\nagent-mode: commit\n"
                + "agent-file: src/gateway/Routes.java\nagent-content: public class Routes { void route() {} }\n"
                + "agent-message: Gateway routes to the services\nagent-linger: 30\n");

        // when
        String launched = fleet.workers.launch("gw-2", "Implement the API gateway which forwards requests to backend "
                + "services\nagent-mode: commit\nagent-file: src/gateway/Routes.java\n"
                + "agent-content: public class Routes { void forward() {} }\nagent-message: API gateway forwarding\n"
                + "agent-linger: 30\n", 0, null, "local:test", "cli", null).message();
        fleet.await("gw-2", w -> fleet.workers.alerts().stream().anyMatch(a -> a.kind().equals("duplicate")
                && fleet.workers.logTail("gw-2", 5).contains("committed")), Fleet.PATIENCE, "flagged as duplicate work");

        // then
        assertThat(launched).contains("Possible duplicate work: gw-1");
        assertThat(fleet.workers.alerts()).filteredOn(a -> a.kind().equals("duplicate")).singleElement()
                .satisfies(a -> assertThat(java.util.Set.of(a.a(), a.b())).containsExactlyInAnyOrder("gw-1", "gw-2"));
        assertThat(AlertGroups.lines(fleet.workers.alerts())).filteredOn(l -> l.contains("duplicate")).hasSize(1);
    }

    @Test
    void should_keep_the_gate_failing_when_the_model_claims_the_gateway_work_with_citations_the_diff_lacks() {
        // given: a model stand-in (HTTP) that says the Gateway requirements are met, citing a file nobody wrote
        try (dev.czar.testsupport.ModelStub model = dev.czar.testsupport.ModelStub.openAi()) {
            String claim = dev.czar.testsupport.Fixtures.read("openai/chat.completions.final.json", Map.of("content",
                    "{\"requirements\": [{\"text\": \"REST endpoints that route client requests\", \"addressed\": true,"
                            + " \"evidence\": [\"src/gateway/Router.java:3\"]}]}"));
            model.replies(java.util.stream.Stream.generate(() -> dev.czar.testsupport.ModelStub.ok(claim)).limit(10)
                    .toArray(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder[]::new));
            fleet = new Fleet(tmp, Map.of(), (f, wiring) -> wiring.judgingFit(MiniLmEmbedder.shared(), 0.2,
                    new ModelTaskFit(dev.czar.agent.ChatModels.create(new dev.czar.config.LlmConfig(
                    "openai", model.baseUrl(), "gpt-4o-mini", "sk-test-" + "0123456789abcdefghij")),
                    dev.czar.agent.Redactor.INSTANCE::redact)));
            fleet.launch("audit", AUDIT + "\nagent-mode: tick\n");
            fleet.launch("gateway", GATEWAY + "\nagent-mode: commit\nagent-file: src/audit/HashChainLog.java\n"
                    + "agent-content: public class HashChainLog { void recordAdminAction() {} }\n"
                    + "agent-message: Append-only audit log of admin actions with a hash chain\nagent-linger: 30\n");
            fleet.await("gateway", w -> fleet.workers.logTail("gateway", 5).contains("committed"), Fleet.PATIENCE, "committed");

            // when
            Workstream gateway = fleet.workers.find("gateway").orElseThrow();
            GateItem item = fleet.workers.supervisor().gate().check(gateway, "main", tmp, 1).items().stream()
                    .filter(i -> i.item().equals("task-fit")).findFirst().orElseThrow();

            // then
            assertThat(item.status()).isEqualTo(GateItem.Status.FAIL);
            assertThat(item.evidence()).contains("model: 0 of 1 requirements addressed")
                    .contains("flagged citation: src/gateway/Router.java:3 (the change does not touch this file)")
                    .contains("Your task is: \"Build the Gateway API");
            assertThat(model.requests()).isNotEmpty();
        }
    }
}
