package dev.czar.chat;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.intent.Intent;
import dev.czar.store.AuditLog;
import dev.czar.store.ConversationStore;
import dev.czar.store.StoredMessage;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one chat path, assembled exactly as the CLI does it, on a real repository and a real H2 file database. */
class ChatServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T18:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private CzarApp app;
    private String featureHead;
    private String mergeOnMain;

    @BeforeEach
    void start() {
        try (TempGitRepo repo = TempGitRepo.init(tmp.resolve("repo"), "main")) {
            repo.commit("initial", Map.of("a.txt", "a\n"));
            repo.branch("done-branch").commit("finished work", Map.of("d.txt", "d\n"));
            repo.checkout("main");
            mergeOnMain = repo.merge("done-branch");
            repo.branch("feature-x");
            featureHead = repo.commit("feature work", Map.of("b.txt", "b\n"));
            repo.checkout("main");
        }
        app = Czar.assemble(new StartOptions(tmp.resolve("repo"), tmp.resolve("home"), null, Map.of(), CLOCK));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private Answer ask(String text) {
        return app.chat().handle(new Message(text, "local:tester", "cli", null, CLOCK.instant()));
    }

    @Test
    void should_record_each_message_with_its_intent_and_answer() {
        ask("hi");
        ask("status of feature-x");

        List<StoredMessage> stored = new ConversationStore(app.database(), CLOCK).recent("cli", null, 10);
        assertThat(stored).extracting(StoredMessage::text).containsExactly("hi", "status of feature-x");
        assertThat(stored).extracting(StoredMessage::intent).containsExactly("CONVERSATION", "STATUS");
        assertThat(stored).allMatch(m -> m.answeredAt() != null && m.answer() != null);
    }

    @Test
    void should_answer_what_landed_today_from_first_parent_history() {
        Answer answer = ask("what landed today?");

        assertThat(answer.intent()).isEqualTo(Intent.STATUS);
        assertThat(answer.text()).contains("landed on main today").contains("Merge branch 'done-branch'");
        assertThat(answer.evidence()).extracting(Evidence::ref).contains(mergeOnMain);
    }

    @Test
    void should_say_which_branches_are_ahead_and_cite_their_heads() {
        Answer answer = ask("which branches are ahead of main?");

        assertThat(answer.text()).startsWith("1 branch ahead of main").contains("feature-x  1 ahead, 0 behind");
        assertThat(answer.text()).doesNotContain("done-branch");
        assertThat(answer.evidence()).extracting(Evidence::ref).contains(featureHead);
    }

    @Test
    void should_say_a_merged_branch_is_merged() {
        Answer answer = ask("is done-branch merged?");

        assertThat(answer.text()).startsWith("done-branch is merged");
    }

    @Test
    void should_name_the_branches_that_exist_when_asked_about_one_that_does_not() {
        Answer answer = ask("status of feature-y");

        assertThat(answer.text()).startsWith("I found no branch named 'feature-y'").contains("feature-x");
    }

    @Test
    void should_audit_every_command_including_ones_this_build_lacks() {
        Answer unknown = ask("rebase worker-3");
        Answer status = ask("/czar status feature-x");

        assertThat(unknown.intent()).isEqualTo(Intent.COMMAND);
        assertThat(unknown.text()).startsWith("This build has no 'rebase' command");
        assertThat(status.text()).contains("feature-x: 1 commit ahead of main");
        assertThat(status.evidence()).extracting(Evidence::ref).contains(featureHead);
        List<AuditLog.Entry> audit = new AuditLog(app.database(), CLOCK).recent(10);
        assertThat(audit).extracting(AuditLog.Entry::command, AuditLog.Entry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("status", "ok"),
                        org.assertj.core.groups.Tuple.tuple("rebase", "unavailable"));
    }

    @Test
    void should_let_an_unlisted_chat_user_run_the_read_only_status_command() {
        Answer answer = app.chat().handle(new Message("/czar status", "U0VIEWER", "C1", null, CLOCK.instant()));

        // status needs only the viewer role, so it runs
        assertThat(answer.text()).doesNotContain("needs the");
        assertThat(new AuditLog(app.database(), CLOCK).recent(1).get(0).user()).isEqualTo("U0VIEWER");
    }

    @Test
    void should_answer_whether_a_branch_was_reviewed_from_the_stored_review() {
        Answer before = ask("was feature-x reviewed?");
        Answer review = ask("/czar review feature-x");
        Answer after = ask("was feature-x reviewed?");

        assertThat(before.intent()).isEqualTo(Intent.STATUS);
        assertThat(before.text()).startsWith("No review of feature-x is on record");
        assertThat(review.intent()).isEqualTo(Intent.COMMAND);
        assertThat(after.text()).startsWith("Latest review of feature-x (review ");
        assertThat(after.evidence()).extracting(Evidence::source).containsExactly("review");
        assertThat(after.toolCalls()).extracting(ToolCall::name).containsExactly("review.latest");
    }

    @Test
    void should_say_there_are_no_workstreams_when_asked_about_the_fleet_before_any_launch() {
        Answer answer = ask("what is everyone doing?");

        assertThat(answer.intent()).isEqualTo(Intent.STATUS);
        assertThat(answer.text()).startsWith("No workstreams yet.");
        assertThat(answer.toolCalls()).extracting(ToolCall::name).containsExactly("workers.list");
    }

    @Test
    void should_list_commands_with_help() {
        Answer answer = ask("help");

        assertThat(answer.intent()).isEqualTo(Intent.CONVERSATION);
        assertThat(answer.text()).contains("status of <branch>").contains("status [branch]");
        assertThat(answer.toolCalls()).isEmpty();
    }

    @Test
    void should_run_a_console_session_with_history_until_end_of_input() throws IOException {
        ArrayDeque<String> lines = new ArrayDeque<>(List.of("hi", "", "status of feature-x", "/history"));
        StringWriter out = new StringWriter();
        ConsoleGateway console = new ConsoleGateway(app.chat(), new ConversationStore(app.database(), CLOCK),
                Answer::text, CLOCK, "local:tester", new PrintWriter(out));

        console.run(prompt -> lines.poll());

        assertThat(out.toString())
                .contains("czar › Hi! I'm czar.")
                .contains("czar › feature-x: 1 commit ahead of main")
                .contains("you  › status of feature-x")
                .endsWith("bye.\n");
    }
}
