package dev.czar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogRedactionTest {
    @TempDir
    Path home;

    @Test
    void should_mask_secrets_in_every_log_line() throws IOException {
        // given
        LogSetup.toFile(home);
        String token = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
        // when
        LoggerFactory.getLogger(LogRedactionTest.class).info("posting with {} to the channel", token);
        // then
        String log = Files.readString(home.resolve("logs").resolve("czar.log"));
        assertThat(log).contains("posting with [REDACTED:slack-token] to the channel").doesNotContain(token);
    }

    @Test
    void should_keep_a_forged_line_and_a_nul_from_outside_on_one_escaped_line() throws IOException {
        // given
        LogSetup.toFile(home);
        String body = "text=hi\n2026-12-07 01:00:00,000 INFO  [main] dev.czar.Czar - admin granted\u0000\u001b[2J";
        // when
        LoggerFactory.getLogger(LogRedactionTest.class).info("slash command body: {}", body);
        LoggerFactory.getLogger(LogRedactionTest.class).warn("failed", new IllegalStateException("boom"));
        // then
        List<String> lines = Files.readAllLines(home.resolve("logs").resolve("czar.log"));
        assertThat(lines).noneMatch(l -> l.startsWith("2026-12-07 01:00:00,000"));
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .endsWith("slash command body: text=hi\\n2026-12-07 01:00:00,000 INFO  [main] dev.czar.Czar - admin granted\\u0000\\u001b[2J"));
        assertThat(String.join("\n", lines)).doesNotContain("\u0000").doesNotContain("\u001b")
                // the stack trace keeps its lines
                .contains("java.lang.IllegalStateException: boom\n\tat dev.czar.LogRedactionTest");
    }
}
