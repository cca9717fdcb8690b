package dev.czar.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCharsTest {
    @Test
    void should_strip_ansi_escapes_and_control_characters_but_keep_lines_and_tabs() {
        // given
        String worker = "\u001b[31;1mFAILED\u001b[0m\ttests\r\nbell\u0007 nul\u0000 title\u001b]0;pwned\u0007 done\u009b2J \u202Eevil";
        // when / then
        assertThat(ControlChars.strip(worker)).isEqualTo("FAILED\ttests\nbell nul title done evil");
    }

    @Test
    void should_leave_clean_text_as_it_is() {
        assertThat(ControlChars.strip("plain\ttext\nnext line")).isEqualTo("plain\ttext\nnext line");
        assertThat(ControlChars.escape("plain\ttext")).isEqualTo("plain\ttext");
    }

    @Test
    void should_escape_line_breaks_nul_and_escapes_for_one_log_line() {
        // given: a body that tries to forge a second log line
        String body = "x\r\n2026-12-07 01:00:00,000 INFO  [main] dev.czar.Czar - forged\u0000\u001b[2J";
        // when
        String line = ControlChars.escape(body);
        // then
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u001b")
                .isEqualTo("x\\r\\n2026-12-07 01:00:00,000 INFO  [main] dev.czar.Czar - forged\\u0000\\u001b[2J");
    }
}
