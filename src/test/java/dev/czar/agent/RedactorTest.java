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
            "slack app token      | app xapp-1-A9019335012-8081978361631-efbb2e2bd61f              | 8081978361631      | slack-token",
            "slack webhook        | post to https://hooks.slack.com/services/T000/B000/XXXXabcd    | T000/B000          | slack-webhook",
            "google api key       | key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q                    | AIzaSyA1b2         | google-api-key",
            "jwt                  | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlIn0.c2lnbmF0dXJlLWZha2U  | eyJzdWIiOiJmYWtlIn0 | jwt",
            "aws secret key       | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | EXAMPLEKEY      | aws-secret-key",
            "escaped json secret  | {\\\"api_key\\\": \\\"zyx987abcdef\\\"}                           | zyx987abcdef       | secret",
            "token in assignment  | token: ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8                | ghp_A1b2C3d4E5f6   | github-token",
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
    void should_mask_a_private_key_without_an_end_line_to_the_end() {
        assertThat(redactor.redact("see -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg")).isEqualTo("see [REDACTED:private-key]");
    }

    @Test
    void should_mask_an_already_masked_text_the_same_way() {
        // given
        String once = redactor.redact("DB_PASSWORD=hunter2hunter2 and ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
        // when / then
        assertThat(redactor.redact(once)).isEqualTo(once).isEqualTo("DB_PASSWORD=[REDACTED:secret] and [REDACTED:github-token]");
    }

    @Test
    void should_show_text_without_control_characters_and_with_secrets_masked() {
        // given: an escape sequence inside a token must not hide it
        String worker = "\u001b[31mtoken\u001b[0m ghp_A1b2C3d4E5f6G7h8\u001b[0mI9j0K1l2M3n4O5p6Q7r8\u0000";
        // when / then
        assertThat(redactor.displayable(worker)).isEqualTo("token [REDACTED:github-token]");
    }

    @Test
    void should_leave_settings_and_plain_text_alone() {
        // given
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":1024,\"stream\":false,\"messages\":[{\"content\":\"status of feature-x at 4be1c7d\"}]}";
        // when / then
        assertThat(redactor.redact(body)).isEqualTo(body);
    }
}
