package dev.czar.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

class FleetChecksTest {
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
    void should_predict_a_conflict_between_two_running_workers_before_either_finishes() throws Exception {
        // given two workers that change the same line of shared/config.txt and keep working
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("left", "Implement left mode\nagent-mode: commit\nagent-file: shared/config.txt\n"
                + "agent-content: mode = left\nagent-linger: 30\n");
        fleet.launch("right", "Implement right mode\nagent-mode: commit\nagent-file: shared/config.txt\n"
                + "agent-content: mode = right\nagent-linger: 30\n");

        // when
        fleet.await("right", w -> fleet.workers.alerts().stream().anyMatch(a -> a.kind().equals("conflict")),
                Fleet.PATIENCE, "in a predicted conflict");

        // then
        assertThat(fleet.workers.find("left").orElseThrow().state()).isEqualTo(RUNNING);
        assertThat(fleet.workers.find("right").orElseThrow().state()).isEqualTo(RUNNING);
        assertThat(fleet.workers.alerts()).filteredOn(a -> a.kind().equals("conflict")).singleElement()
                .extracting(WorkerAlert::line).isEqualTo("predicted conflict left <-> right: both change shared/config.txt");
        assertThat(fleet.workers.history().events("left", 20)).anyMatch(e -> e.reason().equals(
                "predicted conflict left <-> right: both change shared/config.txt"));
        assertThat(fleet.notices).contains("right: predicted conflict left <-> right: both change shared/config.txt");
        assertThat(fleet.repo.git().status().call().isClean()).isTrue();
    }

    @Test
    void should_predict_a_conflict_with_main_when_main_moved_underneath() {
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("solo", "Implement solo mode\nagent-mode: commit\nagent-file: shared/config.txt\n"
                + "agent-content: mode = solo\nagent-linger: 30\n");
        fleet.await("solo", w -> fleet.workers.logTail("solo", 5).contains("committed"), Fleet.PATIENCE, "committed");

        fleet.repo.commit("main changes the mode", Map.of("shared/config.txt", "mode = main\n"));

        fleet.await("solo", w -> !fleet.workers.alerts().isEmpty(), Fleet.PATIENCE, "alerted");
        assertThat(fleet.workers.alerts()).extracting(WorkerAlert::line)
                .containsExactly("predicted conflict main <-> solo: both change shared/config.txt");
    }

    @Test
    void should_warn_of_duplicate_work_at_launch_when_task_texts_are_alike() {
        fleet = new Fleet(tmp, Map.of("command", java.util.List.of()));
        fleet.launch("login-a", "Add rate limiting to the login endpoint of the auth service");

        String message = fleet.workers.launch("login-b", "Add rate limiting to the login endpoint of the auth service please",
                0, null, "local:test", "cli", null).message();

        assertThat(message).contains("Possible duplicate work: login-a (queued) has a 88% similar task.");
        assertThat(message).contains("No workers.command is configured, so no worker will start");
    }

    @Test
    void should_keep_every_workstream_in_the_shared_status_file() throws Exception {
        // given
        fleet = new Fleet(tmp, Map.of());
        fleet.launch("alpha", "Implement alpha\nagent-mode: commit\nagent-file: src/alpha.txt\nagent-linger: 30\n");

        // when
        fleet.await("alpha", w -> fleet.workers.logTail("alpha", 5).contains("committed"), Fleet.PATIENCE, "committed");
        fleet.workers.supervisor().tick();

        // then
        JsonNode status = Json.MAPPER.readTree(fleet.home.resolve("status.json").toFile());
        JsonNode alpha = status.get("workstreams").get(0);
        assertThat(alpha.get("name").asText()).isEqualTo("alpha");
        assertThat(alpha.get("branch").asText()).isEqualTo("czar/alpha");
        assertThat(alpha.get("state").asText()).isEqualTo("RUNNING");
        assertThat(alpha.get("task").asText()).isEqualTo("Implement alpha");
        assertThat(alpha.get("files_touched").toString()).isEqualTo("[\"src/alpha.txt\"]");
        assertThat(status.get("updated_at").asText()).isNotBlank();
    }
}
