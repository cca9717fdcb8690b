package dev.czar.workers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    @TempDir
    Path tmp;

    @Test
    void should_return_the_last_lines_of_a_log_far_bigger_than_its_read_window() throws Exception {
        Path log = tmp.resolve("attempt-1.log");
        Files.writeString(log, IntStream.rangeClosed(1, 200_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n");

        assertThat(LogTail.lastLines(log, 3)).isEqualTo("line 199998\nline 199999\nline 200000");
    }

    @Test
    void should_return_every_line_of_a_short_log() throws Exception {
        Path log = Files.writeString(tmp.resolve("short.log"), "only\ntwo");

        assertThat(LogTail.lastLines(log, 5)).isEqualTo("only\ntwo");
    }
}
