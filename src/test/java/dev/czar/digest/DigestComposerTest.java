package dev.czar.digest;

import dev.czar.chat.Evidence;
import dev.czar.workers.FleetRecords;
import dev.czar.workers.GateItem;
import dev.czar.workers.WorkerAlert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.czar.workers.WorkstreamState.FAILED;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.STUCK;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

class DigestComposerTest {
    @TempDir
    Path tmp;
    DigestFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void should_report_every_section_with_evidence_from_the_seeded_state() {
        // given
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.launch("add-cache", "Add a response cache to the search API", "C1", "T2");
        fx.move("fix-login", QUEUED, RUNNING, "worker started");
        fx.move("fix-login", RUNNING, STUCK, "no output, file change or commit for 30m");
        fx.move("add-cache", QUEUED, FAILED, "worker exited with code 3 on attempt 2; no retries left");
        String landed = fx.repo.commit("Add request metrics", Map.of("metrics.txt", "on\n"));
        FleetRecords.of(fx.workers).alerts(List.of(new WorkerAlert("conflict", "fix-login", "add-cache",
                "both change src/App.java", fx.clock.instant())));
        fx.ci.failing.put("main", List.of(new CiSource.FailingRun("main", "build", 9001, landed,
                "https://github.com/acme/app/actions/runs/9001", List.of("test"))));
        fx.bench.changes.put("main", List.of(new BenchSource.BenchChange("parse", "parse time", 1.12, true, "slower",
                List.of(41L, 42L))));
        fx.spendTokens(1200, 340);

        // when
        Digest digest = fx.digests().next("C-eng");

        // then
        String text = digest.render();
        assertThat(digest.nothingNew()).isFalse();
        assertThat(text).contains("2 workstream(s): 1 stuck, 1 failed");
        assertThat(text).contains("fix-login: new -> STUCK (no output, file change or commit for 30m)");
        assertThat(text).contains("add-cache: new -> FAILED");
        assertThat(text).contains(landed.substring(0, 7) + " Add request metrics (Alice Example)");
        assertThat(text).contains("main: build failed (test) https://github.com/acme/app/actions/runs/9001");
        assertThat(text).contains("predicted conflict fix-login <-> add-cache: both change src/App.java");
        assertThat(text).contains("parse time on main: slower (ratio 1.12)");
        assertThat(text).contains("1 answer(s), 2 round trip(s): 1200 input + 340 output tokens");
        assertThat(text).contains("fix-login is STUCK: no output, file change or commit for 30m -> look at it, or /czar kill fix-login");
        assertThat(text).contains("add-cache is FAILED").contains("/czar retry add-cache");
        assertThat(digest.evidence()).contains(Evidence.git(landed, "landed on main"),
                new Evidence("ci", "9001", "build on " + landed, "https://github.com/acme/app/actions/runs/9001"));
        assertThat(digest.evidence()).extracting(Evidence::source).contains("worker", "git", "ci", "bench", "llm");
        assertThat(digest.chartBenchmark()).contains("parse");
        digest.sections().forEach(s -> s.lines().forEach(l -> assertThat(l.evidence()).as(l.text()).isNotEmpty()));
    }

    @Test
    void should_be_one_line_when_nothing_changed_since_the_last_digest() {
        // given
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.move("fix-login", QUEUED, RUNNING, "worker started");
        fx.move("fix-login", RUNNING, NEEDS_INPUT, "asks: which OAuth provider?");
        Digests digests = fx.digests();
        digests.next("C-eng");
        fx.clock.advance(Duration.ofHours(1));

        // when
        Digest digest = digests.next("C-eng");

        // then
        assertThat(digest.nothingNew()).isTrue();
        assertThat(digest.render()).doesNotContain("\n")
                .startsWith("Nothing new since ")
                .contains("1 workstream(s): 1 needs_input")
                .contains("still needs a human: fix-login is NEEDS_INPUT");
    }

    @Test
    void should_report_only_what_changed_after_the_targets_last_digest() {
        // given
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        fx.launch("add-cache", "Add a response cache to the search API", "C1", "T2");
        Digests digests = fx.digests();
        digests.next("C-eng");
        fx.clock.advance(Duration.ofMinutes(30));
        fx.move("add-cache", QUEUED, RUNNING, "worker started");

        // when
        Digest digest = digests.next("C-eng");
        Digest otherChannel = digests.next("C-ops");

        // then
        assertThat(digest.render()).contains("add-cache: QUEUED -> RUNNING (worker started)").doesNotContain("fix-login:");
        assertThat(otherChannel.render()).contains("fix-login: new -> QUEUED").contains("add-cache: new -> RUNNING");
    }

    @Test
    void should_list_standing_findings_again_but_count_only_new_ones_as_news() {
        // given: a regression and a predicted conflict that were already in the last digest
        fx = new DigestFixture(tmp);
        fx.launch("fix-login", "Fix the login redirect loop", "C1", "T1");
        FleetRecords.of(fx.workers).alerts(List.of(new WorkerAlert("conflict", "main", "fix-login", "both change App.java",
                fx.clock.instant())));
        fx.bench.changes.put("main", List.of(new BenchSource.BenchChange("parse", "parse time", 1.12, true, "slower", List.of(1L))));
        Digests digests = fx.digests();
        digests.next("C-eng");
        fx.clock.advance(Duration.ofHours(1));
        FleetRecords.of(fx.workers).alerts(List.of(new WorkerAlert("conflict", "main", "fix-login", "both change App.java",
                fx.clock.instant()))); // the supervisor re-checks: same finding, new time

        // when
        Digest quiet = digests.next("C-eng");
        fx.bench.changes.put("main", List.of(new BenchSource.BenchChange("parse", "parse time", 1.31, true, "slower", List.of(2L))));
        Digest worse = digests.next("C-eng");

        // then
        assertThat(quiet.nothingNew()).isTrue();
        assertThat(worse.nothingNew()).isFalse();
        assertThat(worse.render()).contains("parse time on main: slower (ratio 1.31)")
                .contains("predicted conflict main <-> fix-login: both change App.java");
    }

    @Test
    void should_list_a_verified_workstream_waiting_for_a_merge_as_needing_a_human() {
        // given
        fx = new DigestFixture(tmp);
        fx.launch("left", "Implement the left mode", "C1", "T1");
        fx.move("left", QUEUED, RUNNING, "worker started");
        fx.move("left", RUNNING, VERIFYING, "worker claims done");
        FleetRecords.of(fx.workers).gate("left", null, List.of(GateItem.pass("commits", "1 commit"),
                new GateItem("merged", GateItem.Status.WAIT, "not merged into main yet; merge czar/left")));

        // when
        Digest digest = fx.digests().next("C-eng");

        // then
        assertThat(digest.render()).contains("Needs a human:\n  left is waiting for a human: merged: not merged into main yet;"
                + " merge czar/left [worker left/gate/merged]");
    }
}
