package dev.czar.chat;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.StartOptions;
import dev.czar.intent.Intent;
import dev.czar.store.ConversationStore;
import dev.czar.store.StoredMessage;
import dev.czar.testsupport.RecordingGateway;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Any chat receives through the one chat path and replies where it was asked: the test gateway and the console. */
class ChatGatewayTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T18:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private CzarApp app;

    @BeforeEach
    void start() {
        try (TempGitRepo repo = TempGitRepo.init(tmp.resolve("repo"), "main")) {
            repo.commit("initial", Map.of("a.txt", "a\n"));
        }
        app = Czar.assemble(new StartOptions(tmp.resolve("repo"), tmp.resolve("home"), null, Map.of(), CLOCK));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void should_receive_a_pushed_message_through_the_chat_service_and_reply_in_its_thread() {
        // given
        RecordingGateway chat = new RecordingGateway(app.chat());

        // when
        Answer answer = chat.push("help", "local:tester", "test-room", "thread-1");

        // then
        RecordingGateway.Reply reply = chat.popReply();
        assertThat(reply.answer()).isEqualTo(answer);
        assertThat(reply.question().channel()).isEqualTo("test-room");
        assertThat(reply.question().thread()).isEqualTo("thread-1");
        assertThat(answer.intent()).isEqualTo(Intent.CONVERSATION);
        List<StoredMessage> stored = new ConversationStore(app.database(), CLOCK).recent("test-room", "thread-1", 5);
        assertThat(stored).extracting(StoredMessage::text).containsExactly("help");
    }

    @Test
    void should_print_what_czar_posts_and_updates_on_the_console() {
        // given
        StringWriter out = new StringWriter();
        ConsoleGateway console = new ConsoleGateway(app.chat(), new ConversationStore(app.database(), CLOCK),
                Answer::text, CLOCK, "local:tester", new PrintWriter(out));

        // when
        var first = console.post("console", null, "fix-login: is waiting for an answer\nwhich branch?");
        var second = console.post("console", null, "fix-login: DONE");
        boolean updated = console.update("console", first.orElseThrow(), "fix-login: answered");

        // then
        assertThat(first).contains("1");
        assertThat(second).contains("2");
        assertThat(updated).isTrue();
        assertThat(out.toString()).isEqualTo("""
                czar › fix-login: is waiting for an answer
                       which branch?

                czar › fix-login: DONE

                czar › fix-login: answered

                """);
    }
}
