package dev.czar.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTest {
    @Test
    void should_mention_only_a_user_id() {
        assertThat(SlackText.user("U0ADMIN001")).isEqualTo("<@U0ADMIN001>");
        assertThat(SlackText.user("U0X>|<!channel")).isEqualTo("U0X&gt;|&lt;!channel");
    }

    @Test
    void should_link_only_an_http_url_and_keep_its_label_inert() {
        assertThat(SlackText.link("https://ci.example/runs/1?a=1&b=2", "run <1>"))
                .isEqualTo("<https://ci.example/runs/1?a=1&amp;b=2|run &lt;1&gt;>");
        assertThat(SlackText.link("javascript:alert(1)", "run 1")).isEqualTo("run 1");
        assertThat(SlackText.link("https://evil.example|Click>", "run 1")).isEqualTo("run 1");
    }

    @Test
    void should_keep_code_spans_closed() {
        assertThat(SlackText.code("a`b <c>")).isEqualTo("a'b &lt;c&gt;");
    }

    @Test
    void should_leave_ordinary_mrkdwn_and_words_alone() {
        assertThat(SlackText.plain("*feature-x* is _green_ at `4be1c7d`, mail me@here.example"))
                .isEqualTo("*feature-x* is _green_ at `4be1c7d`, mail me@here.example");
    }
}
