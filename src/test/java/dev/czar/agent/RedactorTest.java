package dev.czar.agent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    private final Redactor redactor = Redactor.INSTANCE;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "slack bot token      | token xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx here | xoxb-123456789012 | slack-token",
            "github classic token | push with ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 now          | ghp_A1b2C3d4E5f6   | github-token",
            "github fine-grained  | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP | github_pat_11ABC | github-token",
            "openai key           | key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789                | sk-proj-AbCdEf     | openai-key",
            "anthropic key        | sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-xyz          | sk-ant-api03       | anthropic-key",
            "aws access key       | id AKIAIOSFODNN7EXAMPLE in config                              | AKIAIOSFODNN7      | aws-access-key",
            "password in url      | git clone https://bob:s3cr3tPass@git.example.com/r.git         | s3cr3tPass         | url-password",
            "env assignment       | DB_PASSWORD=hunter2hunter2                                     | hunter2hunter2     | secret",
            "quoted json secret   | {\"client_secret\": \"zyx987abc\"}                              | zyx987abc          | secret",
            "bearer header        | Authorization: Bearer abcdefghijklmnop1234                     | abcdefghijklmnop1234 | bearer",
    })
    void should_mask_known_secret_formats(String kind, String text, String secretPart, String label) {
        // when
        String redacted = redactor.redact(text);
        // then
        assertThat(redacted).doesNotContain(secretPart).contains("[REDACTED:" + label + "]");
    }

    @Test
    void should_mask_a_private_key_block() {
        // given
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        // when / then
        assertThat(redactor.redact("key:\n" + pem + "\nend")).isEqualTo("key:\n[REDACTED:private-key]\nend");
    }

    @Test
    void should_leave_settings_and_plain_text_alone() {
        // given
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":1024,\"stream\":false,\"messages\":[{\"content\":\"status of feature-x at 4be1c7d\"}]}";
        // when / then
        assertThat(redactor.redact(body)).isEqualTo(body);
    }
}
