package dev.czar.slack;

import dev.czar.command.CommandPath;
import dev.czar.config.SlackConfig;
import dev.czar.store.AuditLog;
import dev.czar.testsupport.SlackApiStub;
import dev.czar.testsupport.SlackFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Bolt app over HTTP with signature verification on, driven by signed requests shaped like Slack's. One
 * czar serves the whole class (as in production, one process sees many events); each test uses fresh event ids
 * and starts with an empty record of Slack calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackHttpFrontDoorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    SlackTestBed bed;

    @BeforeAll
    void start(@TempDir Path dir) {
        bed = new SlackTestBed(dir, new SlackConfig(null));
    }

    /** How many deliveries had ended each way when the test began. */
    private final Map<DeliveryTally.Ending, Long> endedBefore = new java.util.EnumMap<>(DeliveryTally.Ending.class);

    @BeforeEach
    void forgetCalls() {
        bed.slack.server().resetRequests();
        bed.killed.clear();
        for (DeliveryTally.Ending ending : DeliveryTally.Ending.values()) {
            endedBefore.put(ending, bed.frontDoor.tally().count(ending));
        }
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    @Test
    void should_answer_a_mention_with_exactly_one_post_in_the_thread_of_the_message() {
        // given
        String ts = "1764250000.000100";

        // when
        long started = System.nanoTime();
        HttpResponse<String> ack = bed.requests.event(mention(UUID.randomUUID().toString(), ts, "status of feature-x"));
        long ackMs = (System.nanoTime() - started) / 1_000_000;

        // then
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackMs).as("ack latency (ms)").isLessThan(3000);
        Map<String, String> post = bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0);
        assertThat(post).containsEntry("channel", "C0CHANNEL1").containsEntry("thread_ts", ts);
        assertThat(post.get("blocks")).contains("feature-x").contains("\"type\":\"context\"");
        assertThat(post.get("authorization")).isEqualTo("Bearer " + SlackApiStub.BOT_TOKEN);
        awaitEnded(DeliveryTally.Ending.ANSWERED, 1);
        assertThat(bed.slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void should_not_answer_an_event_again_when_slack_redelivers_it() {
        // given
        String eventId = "Ev" + UUID.randomUUID();
        String event = mention(eventId, "1764250000.000101", "status of feature-x");
        bed.requests.event(event);
        bed.slack.awaitCalls("chat.postMessage", 1, WAIT);

        // when
        HttpResponse<String> retry = bed.requests.redelivery(event, 1);

        // then
        assertThat(retry.statusCode()).isEqualTo(200);
        awaitEnded(DeliveryTally.Ending.REPEATED, 1);
        awaitEnded(DeliveryTally.Ending.ANSWERED, 1);
        assertThat(bed.slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void should_reject_forged_unsigned_and_stale_requests_without_replying() {
        // given
        String event = mention(UUID.randomUUID().toString(), "1764250000.000102", "status of feature-x");

        // when
        HttpResponse<String> forged = bed.requests.signedWith("some-other-secret", event);
        HttpResponse<String> unsigned = bed.requests.unsigned(event);
        HttpResponse<String> stale = bed.requests.signedAt(Instant.now().minus(Duration.ofMinutes(6)), event);

        // then
        assertThat(List.of(forged.statusCode(), unsigned.statusCode(), stale.statusCode())).containsOnly(401);
        for (DeliveryTally.Ending ending : DeliveryTally.Ending.values()) {
            assertThat(bed.frontDoor.tally().count(ending)).as("deliveries that reached Bolt and ended " + ending)
                    .isEqualTo(endedBefore.get(ending));
        }
        assertThat(bed.slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void should_answer_a_direct_message_at_the_top_of_the_conversation() {
        // when
        bed.requests.event(SlackFixtures.fill("payloads/message.im.json", Map.of("user", SlackTestBed.VIEWER,
                "text", "which branches are there", "ts", "1764250000.000103", "event_id", "Ev" + UUID.randomUUID())));

        // then
        Map<String, String> post = bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0);
        assertThat(post).containsEntry("channel", "D0DIRECTMSG").doesNotContainKey("thread_ts");
        assertThat(post.get("blocks")).contains("feature-x");
    }

    @Test
    void should_answer_a_follow_up_without_mention_only_in_a_thread_it_already_answered_in() {
        // given czar answered a mention in thread 200
        bed.requests.event(mention("Ev" + UUID.randomUUID(), "1764250000.000200", "status of feature-x"));
        bed.slack.awaitCalls("chat.postMessage", 1, WAIT);

        // when a follow-up arrives there, and another in a thread czar never joined
        bed.requests.event(threadMessage("1764250000.000201", "1764250000.000200", "and main?"));
        bed.requests.event(threadMessage("1764250000.000301", "1764250000.000300", "status of main"));

        // then only the first is answered, in its thread
        Map<String, String> followUp = bed.slack.awaitCalls("chat.postMessage", 2, WAIT).get(1);
        assertThat(followUp).containsEntry("thread_ts", "1764250000.000200");
        awaitEnded(DeliveryTally.Ending.IGNORED, 1);
        awaitEnded(DeliveryTally.Ending.ANSWERED, 2);
        assertThat(bed.slack.calls("chat.postMessage")).hasSize(2);
    }

    @Test
    void should_run_a_slash_command_through_the_command_path_and_answer_unknown_ones_with_help() {
        // when
        HttpResponse<String> status = bed.requests.command(slash(SlackTestBed.VIEWER, "status feature-x"));
        HttpResponse<String> unknown = bed.requests.command(slash(SlackTestBed.VIEWER, "frobnicate now"));

        // then
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(200);
        List<Map<String, String>> posts = bed.slack.awaitCalls("chat.postMessage", 2, WAIT);
        assertThat(posts).extracting(p -> p.get("channel")).containsOnly("C0CHANNEL1");
        assertThat(posts).extracting(p -> decoded(p.get("blocks")))
                .anySatisfy(blocks -> assertThat(blocks).contains("<@" + SlackTestBed.VIEWER + "> ran `/czar status feature-x`"));
        assertThat(posts).extracting(p -> p.get("text"))
                .anySatisfy(text -> assertThat(text).contains("feature-x"))
                .anySatisfy(text -> assertThat(text).contains("no 'frobnicate' command").contains("status [branch]"));
        assertThat(bed.audit.recent(10)).extracting(AuditLog.Entry::command).contains("status", "frobnicate");
    }

    @Test
    void should_refuse_and_audit_a_viewers_kill() {
        // when
        bed.requests.command(slash(SlackTestBed.VIEWER, "kill w1"));

        // then
        Map<String, String> post = bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0);
        assertThat(post.get("text")).contains("needs the admin role");
        assertThat(post.get("blocks")).doesNotContain(BlockKitRenderer.CONFIRM_ACTION);
        assertThat(bed.audit.recent(1)).first().satisfies(entry -> {
            assertThat(entry.user()).isEqualTo(SlackTestBed.VIEWER);
            assertThat(entry.command()).isEqualTo("kill");
            assertThat(entry.outcome()).isEqualTo("refused");
        });
        assertThat(bed.killed).isEmpty();
    }

    /** A destructive command used to be parsed on the way to a confirmation and again on the way to its answer. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kill w7     | needs the admin role
            status main | main
            """)
    void should_parse_and_authorize_a_slash_command_once(String command, String reply) {
        // given
        CommandPath.Counts before = bed.commands.counts();

        // when
        bed.requests.command(slash(SlackTestBed.VIEWER, command));

        // then
        assertThat(bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0).get("text")).contains(reply);
        CommandPath.Counts after = bed.commands.counts();
        assertThat(after.parses() - before.parses()).as("parses").isEqualTo(1);
        assertThat(after.accessChecks() - before.accessChecks()).as("access checks").isEqualTo(1);
    }

    @Test
    void should_run_an_admins_kill_only_after_the_confirm_button() {
        // given
        bed.requests.command(slash(SlackTestBed.ADMIN, "kill w1"));
        Map<String, String> prompt = bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0);
        assertThat(prompt.get("blocks")).contains(BlockKitRenderer.CONFIRM_ACTION).contains(BlockKitRenderer.CANCEL_ACTION);
        assertThat(bed.killed).isEmpty();

        // when
        HttpResponse<String> ack = bed.requests.interaction(button(SlackTestBed.ADMIN, BlockKitRenderer.CONFIRM_ACTION,
                pendingId(prompt)));

        // then
        assertThat(ack.statusCode()).isEqualTo(200);
        Map<String, String> result = bed.slack.awaitCalls("chat.postMessage", 2, WAIT).get(1);
        assertThat(result.get("text")).contains("Stopped worker w1");
        assertThat(bed.killed).containsExactly("w1");
        assertThat(bed.slack.awaitCalls("chat.update", 1, WAIT).get(0).get("blocks"))
                .contains("confirmed by").doesNotContain(BlockKitRenderer.CONFIRM_ACTION);
        assertThat(bed.audit.recent(10)).extracting(AuditLog.Entry::outcome)
                .contains("awaiting-confirmation", "confirmed", "ok");
    }

    @Test
    void should_not_let_someone_else_confirm_and_should_not_run_a_cancelled_kill() {
        // given
        bed.requests.command(slash(SlackTestBed.ADMIN, "kill w2"));
        String id = pendingId(bed.slack.awaitCalls("chat.postMessage", 1, WAIT).get(0));

        // when a viewer presses Confirm, then the requester presses Cancel, then Confirm
        bed.requests.interaction(button(SlackTestBed.VIEWER, BlockKitRenderer.CONFIRM_ACTION, id));
        bed.slack.awaitCalls("chat.postMessage", 2, WAIT);
        bed.requests.interaction(button(SlackTestBed.ADMIN, BlockKitRenderer.CANCEL_ACTION, id));
        bed.slack.awaitCalls("chat.update", 1, WAIT);
        bed.requests.interaction(button(SlackTestBed.ADMIN, BlockKitRenderer.CONFIRM_ACTION, id));

        // then
        awaitEnded(DeliveryTally.Ending.DECIDED, 3);
        assertThat(bed.slack.calls("chat.postMessage")).hasSize(2);
        assertThat(bed.slack.calls("chat.postMessage").get(1).get("text")).contains("only <@" + SlackTestBed.ADMIN + ">");
        assertThat(bed.slack.calls("chat.update").get(0).get("blocks")).contains("cancelled by");
        assertThat(bed.killed).isEmpty();
    }

    @Test
    void should_answer_slacks_url_verification_challenge_when_the_request_url_is_set() {
        // when
        HttpResponse<String> response = bed.requests.event(SlackFixtures.read("payloads/url_verification.json").strip());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void should_keep_serving_after_a_malformed_payload() {
        // when
        HttpResponse<String> garbage = bed.requests.event("{\"type\":\"event_callback\",\"event\":");
        HttpResponse<String> fine = bed.requests.event(mention("Ev" + UUID.randomUUID(), "1764250000.000400", "status"));

        // then
        assertThat(garbage.statusCode()).isBetween(200, 499);
        assertThat(fine.statusCode()).isEqualTo(200);
        bed.slack.awaitCalls("chat.postMessage", 1, WAIT);
    }

    static String mention(String eventId, String ts, String text) {
        return SlackFixtures.fill("payloads/app_mention.json", Map.of("user", SlackTestBed.VIEWER, "text", text,
                "ts", ts, "event_id", eventId));
    }

    private static String threadMessage(String ts, String threadTs, String text) {
        return SlackFixtures.fill("payloads/message.thread.json", Map.of("user", SlackTestBed.VIEWER, "text", text,
                "ts", ts, "thread_ts", threadTs, "event_id", "Ev" + UUID.randomUUID()));
    }

    private static String slash(String user, String text) {
        return SlackFixtures.slashCommand(user, text);
    }

    private static String button(String user, String actionId, String value) {
        return SlackFixtures.fill("payloads/block_actions.json", Map.of("user", user, "action_id", actionId, "value", value));
    }

    /** The pending confirmation id, from the Confirm button's value in the posted prompt. */
    private static String pendingId(Map<String, String> prompt) {
        return SlackFixtures.confirmationId(prompt);
    }

    /** Block Kit JSON as Slack reads it (Gson writes {@code <} as {@code \\u003c}). */
    private static String decoded(String blocksJson) {
        try {
            return dev.czar.chat.Json.MAPPER.readTree(blocksJson).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError("blocks are not JSON: " + blocksJson, e);
        }
    }

    /** Waits until {@code n} more deliveries ended as {@code ending} than when the test began: they were handled. */
    private void awaitEnded(DeliveryTally.Ending ending, long n) {
        try {
            assertThat(bed.frontDoor.tally().await(ending, endedBefore.get(ending) + n, WAIT))
                    .as(n + " more deliveries ending " + ending).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
