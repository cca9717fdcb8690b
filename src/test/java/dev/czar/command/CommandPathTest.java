package dev.czar.command;

import dev.czar.chat.Answer;
import dev.czar.chat.Message;
import dev.czar.config.AccessConfig;
import dev.czar.intent.Intent;
import dev.czar.store.AuditLog;
import dev.czar.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CommandPathTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T18:00:00Z"), ZoneOffset.UTC);
    private static final CommandSpec LAUNCH = new CommandSpec("launch", List.of("start"), "launch <name> <task>",
            "start a workstream", Role.OPERATOR, false);
    private static final CommandSpec KILL = new CommandSpec("kill", List.of(), "kill <worker>", "stop a worker",
            Role.ADMIN, true);

    private Database db;
    private AuditLog audit;
    private final AtomicInteger executed = new AtomicInteger();

    @BeforeEach
    void open() {
        db = dev.czar.testsupport.MemoryDatabase.open();
        audit = new AuditLog(db, CLOCK);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private CommandPath path(AccessConfig access) {
        CommandRegistry registry = new CommandRegistry()
                .register(LAUNCH, (request, log) -> {
                    executed.incrementAndGet();
                    return CommandResult.ok("launched " + request.args().get(0) + " with task: "
                            + request.argumentText().substring(request.args().get(0).length()).strip());
                })
                .register(KILL, (request, log) -> {
                    executed.incrementAndGet();
                    return CommandResult.ok("killed " + request.argumentText());
                });
        return new CommandPath(registry, new AccessPolicy(access), audit);
    }

    private static Message from(String user, String text) {
        return new Message(text, user, "C1", "1700000000.0001", CLOCK.instant());
    }

    @ParameterizedTest(name = "{0} as {1}: \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            U_ADMIN    | admin    | kill worker-3                       | ok
            U_OPERATOR | operator | kill worker-3                       | refused
            U_VIEWER   | viewer   | kill worker-3                       | refused
            U_OPERATOR | operator | /czar launch docs Write the README  | ok
            U_OPERATOR | operator | please start docs Write the README  | ok
            U_VIEWER   | viewer   | launch docs Write the README        | refused
            U_ADMIN    | admin    | frobnicate everything               | unavailable
            """)
    void should_authorize_and_audit_by_role(String user, String role, String text, String outcome) {
        CommandPath path = path(new AccessConfig(List.of("U_ADMIN"), List.of("U_OPERATOR"), null));

        Answer answer = path.execute(from(user, text));

        assertThat(answer.intent()).isEqualTo(Intent.COMMAND);
        AuditLog.Entry entry = audit.recent(1).get(0);
        assertThat(entry.outcome()).isEqualTo(outcome);
        assertThat(entry.user()).isEqualTo(user);
        assertThat(executed.get()).isEqualTo(outcome.equals("ok") ? 1 : 0);
        if (outcome.equals("refused")) {
            assertThat(answer.text()).contains("you are " + role);
        }
    }

    @Test
    void should_keep_the_full_task_text_verbatim() {
        Answer answer = path(new AccessConfig(null, List.of("*"), null))
                .execute(from("U1", "launch docs Write the README, with examples: `czar chat` & more"));

        assertThat(answer.text()).isEqualTo("launched docs with task: Write the README, with examples: `czar chat` & more");
        assertThat(audit.recent(1).get(0).arguments()).isEqualTo("docs Write the README, with examples: `czar chat` & more");
    }

    @Test
    void should_refuse_in_doubt_when_the_access_check_itself_fails() {
        CommandPath broken = path(new AccessConfig(null, null, "superuser")); // not a role: the check throws

        Answer answer = broken.execute(from("local:me", "kill worker-3"));

        assertThat(answer.text()).contains("refuse in doubt");
        assertThat(executed.get()).isZero();
        assertThat(audit.recent(1).get(0).outcome()).isEqualTo("refused");
    }

    @Test
    void should_audit_a_command_whose_handler_breaks_and_keep_the_error_for_the_front_door() {
        // given
        CommandPath path = path(new AccessConfig(null, null, "admin"));
        IllegalStateException bug = new IllegalStateException("worker table locked");
        CommandRequest request = new CommandRequest("kill", List.of("w1"), "w1", from("local:me", "kill w1"));

        // when
        CommandResult result = path.run(request, KILL, (r, log) -> {
            throw bug;
        }, Confirmer.TYPED);

        // then
        assertThat(result.error()).isSameAs(bug);
        AuditLog.Entry entry = audit.recent(1).get(0);
        assertThat(entry.outcome()).isEqualTo("failed");
        assertThat(entry.detail()).contains("worker table locked");
    }

    @Test
    void should_answer_a_destructive_command_with_the_front_doors_prompt_and_audit_it_as_awaiting() {
        // given
        CommandPath path = path(new AccessConfig(List.of("U_ADMIN"), null, null));
        Confirmer askFirst = (request, spec) -> java.util.Optional.of(
                CommandResult.awaitingConfirmation("Confirm " + request.verb() + "?", "confirmation 7"));

        // when
        Answer answer = path.execute(from("U_ADMIN", "kill worker-3"), askFirst);

        // then
        assertThat(answer.text()).isEqualTo("Confirm kill?");
        assertThat(executed.get()).isZero();
        AuditLog.Entry entry = audit.recent(1).get(0);
        assertThat(entry.outcome()).isEqualTo("awaiting-confirmation");
        assertThat(entry.detail()).isEqualTo("confirmation 7");
    }

    @Test
    void should_list_in_help_only_the_commands_the_user_may_run() {
        CommandPath path = path(new AccessConfig(List.of("U_ADMIN"), List.of("U_OPERATOR"), null));

        assertThat(path.available("U_OPERATOR")).contains("launch <name> <task>").doesNotContain("kill");
        assertThat(path.available("U_ADMIN")).contains("launch").contains("kill <worker>");
        assertThat(path.available("U_VIEWER")).isEqualTo("You may not run any commands.");
    }
}
