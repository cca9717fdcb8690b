package dev.czar.chat;

import dev.czar.Czar;
import dev.czar.CzarApp;
import dev.czar.bench.BenchResults;
import dev.czar.StartOptions;
import dev.czar.command.CommandParser;
import dev.czar.command.CommandRequest;
import dev.czar.intent.IntentRouter;
import dev.czar.intent.MessageText;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing the one chat path (router, command parser, commands, offline answers) with hostile text: random unicode
 * (controls, surrogates, zero-width and bidi characters), 40 KB messages, Slack markup and mentions, shell and SQL
 * metacharacters in branch names and task text ({@code fixtures/hostile/messages.txt}). Every message gets one
 * readable answer without a stack trace, is recorded, is handled quickly, and nothing reaches a shell.
 */
class HostileMessagesTest {
    private static final Clock CLOCK = Clock.fixed(TempGitRepo.EPOCH.plusSeconds(7200), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void should_answer_every_hostile_message_once_readably_and_run_nothing() throws Exception {
        // given
        Path canary = dir.resolve("canary");
        List<String> messages = new ArrayList<>();
        Fixtures.read("hostile/messages.txt").lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.replace("{CANARY}", canary.toString())).forEach(messages::add);
        Random random = new Random(9);
        for (int i = 0; i < 150; i++) {
            messages.add(randomUnicode(random, 1 + random.nextInt(300)));
        }
        for (String verb : IntentRouter.COMMAND_VERBS) { // every command word with hostile arguments
            messages.add(verb + " $(touch " + canary + ") `id` ; | & > " + canary + " <@U0X> " + randomUnicode(random, 20));
        }
        messages.add("status of " + "a".repeat(40 * 1024));
        messages.add("launch big --task " + "$(touch " + canary + ") ".repeat(40 * 1024 / 20));
        messages.add(randomUnicode(random, 40 * 1024));
        messages.add("please ".repeat(40 * 1024 / 7)); // a prefix regex fed 40 KB of what it repeats
        messages.add("<@U0CZARBOT> ".repeat(40 * 1024 / 13) + "status of main");

        try (TempGitRepo repo = TempGitRepo.init(dir.resolve("repo"), "main");
             CzarApp app = Czar.assemble(new StartOptions(repo(repo), dir.resolve("home"), null, Map.of(), CLOCK))) {
            // when
            long slowest = 0;
            List<Answer> answers = new ArrayList<>();
            for (String text : messages) {
                CommandRequest parsed = CommandParser.parse(new Message(text, "U0FUZZ", "C0FUZZ", null, CLOCK.instant()));
                // parsing ends, and the arguments are the typed text, kept verbatim
                assertThat(MessageText.clean(text)).contains(parsed.argumentText());
                long t = System.nanoTime();
                Answer answer = app.chat().handle(new Message(text, "local:fuzzer", "cli", null, CLOCK.instant()));
                slowest = Math.max(slowest, System.nanoTime() - t);
                answers.add(answer);
            }

            // then
            for (int i = 0; i < answers.size(); i++) {
                String text = answers.get(i).text();
                assertThat(text).as("answer to message %d", i).isNotBlank().doesNotContain("\tat ")
                        .doesNotContain("Exception").hasSizeLessThan(64 * 1024);
            }
            try (var c = app.database().connection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*), COUNT(answer) FROM messages")) {
                rs.next();
                assertThat(rs.getInt(1)).as("messages recorded").isEqualTo(messages.size());
                assertThat(rs.getInt(2)).as("messages answered").isEqualTo(messages.size());
            }
            assertThat(slowest).as("slowest message, ns").isLessThan(5_000_000_000L);
            assertThat(canary).doesNotExist();
            assertThat(dir.resolve("repo").resolve(canary.getFileName())).doesNotExist();
            System.out.printf("hostile messages: %d sent, %d answered, 0 stack traces, slowest %.0f ms%n",
                    messages.size(), answers.size(), slowest / 1e6);
            BenchResults.record("70-hostile-messages", "hostile chat messages (random unicode, 40 KB, Slack markup,"
                            + " shell/SQL metacharacters, every command verb)", "`HostileMessagesTest`",
                    "one readable answer each, nothing lost, nothing run", String.format("%d sent, %d recorded and answered,"
                            + " 0 stack traces, 0 canary files, slowest %.0f ms", messages.size(), answers.size(), slowest / 1e6),
                    answers.size() == messages.size());
        }
    }

    private static Path repo(TempGitRepo repo) {
        repo.commit("Initial import", Map.of("README.md", "czar\n"));
        repo.branch("feature-x");
        repo.commit("Add x", Map.of("x.txt", "x\n"));
        repo.checkout("main");
        return repo.dir();
    }

    /** Random code points from every plane that matters: ASCII, controls, bidi, zero-width, CJK, emoji, lone surrogates. */
    static String randomUnicode(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        int[][] ranges = {{0x20, 0x7e}, {0x00, 0x1f}, {0x200b, 0x200f}, {0x202a, 0x202e}, {0x4e00, 0x4fff},
                {0x0400, 0x04ff}, {0x0600, 0x06ff}, {0x1f300, 0x1f64f}, {0xd800, 0xdfff}, {0xfff0, 0xffff}};
        while (sb.length() < length) {
            int[] r = ranges[random.nextInt(ranges.length)];
            sb.appendCodePoint(r[0] + random.nextInt(r[1] - r[0] + 1));
        }
        return sb.toString();
    }
}
