package dev.czar.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;
import dev.czar.understanding.MiniLmEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24, item 3: the shared status file tells each worker which other tasks are close to its own and which
 * finished recently; related duplicate alerts read as one line per cluster.
 */
class CloseTasksAndClustersTest {
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
    void should_list_close_tasks_of_each_workstream_and_the_recently_finished_ones_in_the_status_file() throws Exception {
        // given: no worker command, so the three stay queued; one is killed (finished)
        fleet = new Fleet(tmp, Map.of("command", List.of()),
                (f, wiring) -> wiring.comparingTasks(MiniLmEmbedder.shared(), 0.8, 0.4));
        fleet.launch("login-limit", "Add rate limiting to the login endpoint");
        fleet.launch("login-throttle", "Rate-limit the login endpoint so that brute force attempts are blocked");
        fleet.launch("i18n", "Translate the settings page into French and German");
        fleet.launch("old-login", "Limit the rate of login requests");
        fleet.workers.kill("old-login", "local:test");

        // when
        fleet.workers.supervisor().tick();

        // then
        JsonNode status = Json.MAPPER.readTree(fleet.home.resolve("status.json").toFile());
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        status.get("workstreams").forEach(w -> byName.put(w.get("name").asText(), w));
        assertThat(byName.get("login-limit").get("close_tasks").toString())
                .contains("login-throttle (0.").contains("old-login (0.").contains("KILLED").doesNotContain("i18n");
        assertThat(byName.get("i18n").get("close_tasks")).isEmpty();
        assertThat(status.get("recently_finished")).singleElement()
                .satisfies(f -> assertThat(f.get("name").asText()).isEqualTo("old-login"));
    }

    @Test
    void should_show_duplicate_pairs_sharing_workstreams_as_one_line_per_cluster() {
        Instant at = Instant.EPOCH;
        List<WorkerAlert> alerts = List.of(
                new WorkerAlert("duplicate", "a", "b", "tasks are 0.91 alike in meaning", at),
                new WorkerAlert("conflict", "main", "c", "both change x.txt", at),
                new WorkerAlert("duplicate", "c", "d", "they touch the same files: y, z", at),
                new WorkerAlert("duplicate", "b", "c", "tasks are 0.88 alike in meaning", at),
                new WorkerAlert("duplicate", "a", "c", "tasks are 0.85 alike in meaning", at),
                new WorkerAlert("duplicate", "e", "f", "tasks are 0.83 alike in meaning", at));

        List<AlertGroups.Group> groups = AlertGroups.of(alerts);

        assertThat(groups).extracting(AlertGroups.Group::line).containsExactly(
                "predicted conflict main <-> c: both change x.txt",
                "possible duplicate work among a, b, c, d (4 pairs): a <-> b: tasks are 0.91 alike in meaning;"
                        + " c <-> d: they touch the same files: y, z; and 2 more pair(s)",
                "possible duplicate work e <-> f: tasks are 0.83 alike in meaning");
        assertThat(groups.get(1).members()).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(groups.get(1).alerts()).hasSize(4);
    }
}
