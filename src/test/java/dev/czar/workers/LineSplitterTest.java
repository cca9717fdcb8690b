package dev.czar.workers;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Output cut into lines as it arrives, in chunks that split lines and characters anywhere, with bounded memory. */
class LineSplitterTest {
    @Test
    void should_join_lines_and_utf8_characters_split_across_chunks() {
        byte[] bytes = "first line\nsecond ünïcödé line\r\nthird".getBytes(StandardCharsets.UTF_8);
        LineSplitter splitter = new LineSplitter(1024);
        List<String> lines = new ArrayList<>();

        for (int i = 0; i < bytes.length; i += 3) { // 3-byte chunks cut the 2-byte characters
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3));
            splitter.feed(chunk, chunk.length, lines::add);
        }

        assertThat(lines).containsExactly("first line", "second ünïcödé line");
        assertThat(splitter.pending()).isEqualTo("third");
        splitter.finish(lines::add);
        assertThat(lines).last().isEqualTo("third");
    }

    @Test
    void should_keep_only_the_start_of_an_overlong_line_and_go_on_after_it() {
        LineSplitter splitter = new LineSplitter(16);
        List<String> lines = new ArrayList<>();
        byte[] big = ("{\"type\":\"user\"," + "x".repeat(10_000) + "}\nnext\n").getBytes(StandardCharsets.UTF_8);

        splitter.feed(big, big.length, lines::add);

        assertThat(lines).containsExactly("{\"type\":\"user\",x", "next");
    }
}
