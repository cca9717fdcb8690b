package dev.czar.slack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTokensTest {
    @Test
    void should_say_what_to_set_for_socket_mode_and_point_at_czar_chat() {
        // when
        String missing = SlackTokens.fromEnv(Map.of()).missingFor(false);

        // then
        assertThat(missing).contains("SLACK_BOT_TOKEN and SLACK_APP_TOKEN").contains("czar chat").doesNotContain("\n");
    }

    @Test
    void should_ask_for_the_signing_secret_for_http() {
        // when
        String missing = SlackTokens.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token")).missingFor(true);

        // then
        assertThat(missing).contains("set SLACK_SIGNING_SECRET for the HTTP transport");
    }

    @Test
    void should_be_ready_when_the_transport_has_what_it_needs_and_never_print_a_token() {
        // given
        SlackTokens tokens = SlackTokens.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-test-not-a-real-token",
                "SLACK_APP_TOKEN", "xapp-test-not-a-real-token"));

        // then
        assertThat(tokens.missingFor(false)).isNull();
        assertThat(tokens.toString()).doesNotContain("xoxb").doesNotContain("xapp").contains("bot=set");
    }
}
