package dev.czar.evidence.bench;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines as {@link BufferedReader} splits them, except that lines over the limit come back empty and are reported. */
class LineLimitedReaderTest {
    final List<Integer> tooLong = new ArrayList<>();

    List<String> lines(String text, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new LineLimitedReader(new StringReader(text), max, tooLong::add)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.add(line);
            }
        }
        return out;
    }

    static List<String> byJdk(String text) throws IOException {
        return new BufferedReader(new StringReader(text)).lines().toList();
    }

    @Test
    void should_split_lines_like_buffered_reader() throws IOException {
        for (String text : List.of("", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\n\n", "\r\n\r\n", "a\r\r\nb",
                "x".repeat(70_000) + "\r\n" + "y", "z".repeat(65_535) + "\r\nw")) {
            assertThat(lines(text, 1_000_000)).as(text.length() > 20 ? text.length() + " chars" : text).isEqualTo(byJdk(text));
        }
        assertThat(tooLong).isEmpty();
    }

    @Test
    void should_return_an_over_long_line_empty_and_report_its_number() throws IOException {
        String text = "header\n" + "\0".repeat(200_000) + "\nshort\n" + "y".repeat(11) + "\r\n" + "y".repeat(10);

        assertThat(lines(text, 10)).containsExactly("header", "", "short", "", "yyyyyyyyyy");
        assertThat(tooLong).containsExactly(2, 4);
    }
}
