package dev.czar.slack;

import dev.czar.store.AuditLog;
import dev.czar.testsupport.SlackFixtures;
import dev.czar.workers.GateItem;
import dev.czar.workers.WorkstreamEvent;
import dev.czar.workers.WorkstreamState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static dev.czar.workers.WorkstreamState.DONE;
import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static dev.czar.workers.WorkstreamState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker's question and an operator's answer through Slack, and czar's confirmed merge, end to end: signed Slack
 * events into the real Bolt app, the real chat and command path, a real supervisor and scripted agent process.
 */
class WorkerThreadSlackTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ASK = "Implement the asker\\nagent-mode: ask";
    /** chat.postMessage.json answers every post with this ts; a notice outside a thread starts the thread there. */
    private static final String NOTICE_TS = "1764250000.000200";

    WorkerSlackBed bed;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void should_write_an_operators_plain_thread_reply_to_the_waiting_workers_stdin_once_and_refuse_a_viewer(@TempDir Path tmp) {
        // given a worker launched with the slash command asks its question; the notice starts its thread
        bed = new WorkerSlackBed(tmp);
        bed.requests.command(slash(WorkerSlackBed.OPERATOR, "launch asker Implement the asker\nagent-mode: ask"));
        bed.await("asker", ws -> ws.state() == NEEDS_INPUT, "NEEDS_INPUT");
        bed.await("asker", ws -> NOTICE_TS.equals(ws.thread()), "given the thread of its question notice");
        assertThat(bed.slack.calls("chat.postMessage")).anyMatch(p -> p.get("text").contains("asker: is waiting for an answer"));

        // when a viewer, then an operator, answer in that thread without mentioning czar; Slack redelivers the latter
        bed.requests.event(threadMessage(WorkerSlackBed.VIEWER, "1764250000.000301", NOTICE_TS, "y", "Ev" + UUID.randomUUID()));
        awaitPost("needs the operator role");
        assertThat(bed.app.workers().find("asker").orElseThrow().state()).isEqualTo(NEEDS_INPUT);
        String answer = threadMessage(WorkerSlackBed.OPERATOR, "1764250000.000302", NOTICE_TS, "y", "Ev" + UUID.randomUUID());
        bed.requests.event(answer);
        bed.requests.redelivery(answer, 1);

        // then
        var acked = awaitPost("Answer for asker queued for its stdin");
        assertThat(acked).containsEntry("thread_ts", NOTICE_TS);
        bed.await("asker", ws -> ws.state() == VERIFYING, "VERIFYING");
        assertThat(history("asker")).containsSubsequence(NEEDS_INPUT, RUNNING, VERIFYING);
        assertThat(bed.app.workers().logTail("asker", 10)).contains("got answer: y");
        assertThat(bed.app.workers().history().events("asker", 50)).map(WorkstreamEvent::reason)
                .filteredOn(r -> r.startsWith("answer written to the worker's stdin")).containsExactly("answer written to the worker's stdin: y");
        List<AuditLog.Entry> replies = audit("reply");
        assertThat(replies).extracting(AuditLog.Entry::user, AuditLog.Entry::arguments, AuditLog.Entry::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(WorkerSlackBed.VIEWER, "asker y", "refused"),
                        org.assertj.core.groups.Tuple.tuple(WorkerSlackBed.OPERATOR, "asker y", "ok"));
    }

    @Test
    void should_take_an_answer_that_mentions_czar_once_although_slack_sends_it_as_mention_and_as_message(@TempDir Path tmp) {
        // given a worker launched by a mention, so its thread is that message's
        bed = new WorkerSlackBed(tmp);
        String root = "1764250000.000500";
        bed.requests.event(SlackFixtures.fill("payloads/app_mention.json", Map.of("user", WorkerSlackBed.OPERATOR,
                "text", "launch asker2 " + ASK, "ts", root, "event_id", "Ev" + UUID.randomUUID())));
        bed.await("asker2", ws -> ws.state() == NEEDS_INPUT, "NEEDS_INPUT");
        assertThat(bed.app.workers().find("asker2").orElseThrow().thread()).isEqualTo(root);

        // when the operator answers "@czar yes" in the thread: Slack sends an app_mention and a message event
        String ts = "1764250000.000501";
        bed.requests.event(SlackFixtures.fill("payloads/app_mention.thread.json", Map.of("user", WorkerSlackBed.OPERATOR,
                "text", "yes", "ts", ts, "thread_ts", root, "event_id", "Ev" + UUID.randomUUID())));
        bed.requests.event(threadMessage(WorkerSlackBed.OPERATOR, ts, root, "<@U0CZARBOT> yes", "Ev" + UUID.randomUUID()));

        // then
        bed.await("asker2", ws -> ws.state() == VERIFYING, "VERIFYING");
        assertThat(bed.app.workers().logTail("asker2", 10)).contains("got answer: yes");
        assertThat(audit("reply")).singleElement().satisfies(e -> assertThat(e.arguments()).isEqualTo("asker2 yes"));
        assertThat(history("asker2")).containsSubsequence(NEEDS_INPUT, RUNNING, VERIFYING);
    }

    @Test
    void should_merge_a_verified_branch_only_after_an_admin_confirms_and_then_reach_done(@TempDir Path tmp) throws Exception {
        // given
        bed = new WorkerSlackBed(tmp);
        bed.requests.command(slash(WorkerSlackBed.ADMIN, "launch feat Implement the feature\nagent-mode: commit"));
        bed.await("feat", ws -> ws.state() == VERIFYING && bed.app.workers().history().latestGate("feat").stream()
                .anyMatch(i -> i.status() == GateItem.Status.WAIT), "verified, waiting for its merge");
        String mainBefore = bed.app.workers().headOf("main").orElseThrow();
        String head = bed.app.workers().headOf("czar/feat").orElseThrow();
        bed.slack.server().resetRequests();

        // when an operator asks, then an admin asks and confirms
        bed.requests.command(slash(WorkerSlackBed.OPERATOR, "merge feat"));
        awaitPost("'merge' needs the admin role");
        bed.requests.command(slash(WorkerSlackBed.ADMIN, "merge feat"));
        Map<String, String> prompt = awaitPost("Confirm /czar merge feat");
        assertThat(prompt.get("blocks")).contains(BlockKitRenderer.CONFIRM_ACTION);
        // the three slash commands' turns are over (the last one parked behind the buttons), and main did not move
        assertThat(bed.frontDoor.tally().await(DeliveryTally.Ending.ANSWERED, 3, WAIT)).as("three turns answered").isTrue();
        assertThat(bed.app.workers().headOf("main")).contains(mainBefore);
        bed.requests.interaction(SlackFixtures.fill("payloads/block_actions.json", Map.of("user", WorkerSlackBed.ADMIN,
                "action_id", BlockKitRenderer.CONFIRM_ACTION, "value", pendingId(prompt))));

        // then
        awaitPost("Merged feat: merged czar/feat");
        String mainAfter = bed.app.workers().headOf("main").orElseThrow();
        try (RevWalk walk = new RevWalk(bed.repo.git().getRepository())) {
            RevCommit merge = walk.parseCommit(bed.repo.git().getRepository().resolve(mainAfter));
            assertThat(Arrays.stream(merge.getParents()).map(RevCommit::name)).containsExactly(mainBefore, head);
        }
        bed.await("feat", ws -> ws.state() == DONE, "DONE");
        assertThat(audit("merge")).extracting(AuditLog.Entry::user, AuditLog.Entry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple(WorkerSlackBed.OPERATOR, "refused"),
                        org.assertj.core.groups.Tuple.tuple(WorkerSlackBed.ADMIN, "ok"));
    }

    private List<WorkstreamState> history(String name) {
        return bed.app.workers().history().events(name, 100).stream().map(WorkstreamEvent::to).filter(Objects::nonNull).toList();
    }

    private List<AuditLog.Entry> audit(String command) {
        return new AuditLog(bed.app.database(), java.time.Clock.systemUTC()).recent(100).stream()
                .filter(e -> e.command().equals(command)).toList();
    }

    /** The first chat.postMessage whose text contains {@code text}, waiting for it. */
    private Map<String, String> awaitPost(String text) {
        return bed.slack.awaitPost(text, WAIT);
    }

    private static String threadMessage(String user, String ts, String threadTs, String text, String eventId) {
        return SlackFixtures.fill("payloads/message.thread.json", Map.of("user", user, "text", text, "ts", ts,
                "thread_ts", threadTs, "event_id", eventId));
    }

    private static String slash(String user, String text) {
        return SlackFixtures.slashCommand(user, text);
    }

    private static String pendingId(Map<String, String> prompt) {
        return SlackFixtures.confirmationId(prompt);
    }
}
