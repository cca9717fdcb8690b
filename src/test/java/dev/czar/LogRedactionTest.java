package dev.czar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
