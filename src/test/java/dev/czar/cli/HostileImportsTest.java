package dev.czar.cli;

import dev.czar.Czar;
import dev.czar.testsupport.CliRun;
import dev.czar.testsupport.Fixtures;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 8: importers refuse files over their configured size with one line, hold one line or one test case
 * in memory whatever the file (checked in a JVM with a 48 MB heap), and an import that kept nothing exits non-zero.
 */
class HostileImportsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;
    TempGitRepo repo;
    String head;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void repo() {
        repo = TempGitRepo.init(tmp.resolve("repo"), "main");
        head = repo.commit("initial", Map.of("README.md", "hello\n"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    CliRun czar(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString()));
        return CliRun.run(env, CLOCK, all.toArray(String[]::new));
    }

    @Test
    void a_junit_report_over_ci_max_report_bytes_is_refused_with_one_line() throws Exception {
        // given a real report padded just over a 4 KiB limit
        env.put("CZAR_CI_MAX_REPORT_BYTES", "4096");
        Path big = tmp.resolve("big.xml");
        Files.writeString(big, "<testsuite name=\"big\"><testcase classname=\"A\" name=\"a\"/>" + "<!-- pad -->".repeat(340)
                + "</testsuite>");
        assertThat(Files.size(big)).isBetween(4097L, 4200L);

        // when
        CliRun run = czar("ci", "import-junit", "--commit", head, big.toString());

        // then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("czar: " + big + " is " + Files.size(big) + " bytes, over ci.max-report-bytes (4096);"
                + " nothing was imported (raise the limit in czar.yaml or CZAR_CI_MAX_REPORT_BYTES)" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void a_junit_import_that_rejected_every_report_exits_non_zero_and_says_so() {
        CliRun run = czar("ci", "import-junit", "--commit", head, Fixtures.path("junit/truncated.xml").toString(),
                Fixtures.path("junit/doctype.xml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).startsWith("Imported 0 report(s), 0 already imported, 2 rejected.");
        assertThat(run.err()).isEqualTo("czar: every report was rejected; nothing was imported" + System.lineSeparator());
    }

    @Test
    void a_junit_report_larger_than_the_heap_is_streamed() throws Exception {
        // given 43 MB of passing test cases (and one failure), for a JVM with a 48 MB heap: a DOM would not fit
        Path report = tmp.resolve("huge.xml");
        try (BufferedWriter w = Files.newBufferedWriter(report)) {
            w.write("<testsuites><testsuite name=\"huge\">");
            w.write("<testcase classname=\"a.B\" name=\"fails\"><failure message=\"expected 1\">trace</failure></testcase>");
            for (int i = 0; i < 500_000; i++) {
                w.write("<testcase classname=\"com.example.generated.Suite" + (i % 100) + "\" name=\"case_" + i + "\" time=\"0.001\"/>\n");
            }
            w.write("</testsuite></testsuites>");
        }
        assertThat(Files.size(report)).isGreaterThan(40_000_000);

        // when
        Child child = inChildJvm("ci", "import-junit", "--commit", head, report.toString());

        // then
        assertThat(child.exit()).as(child.output()).isZero();
        assertThat(child.output()).contains("Imported 1 report(s)").contains("huge.xml: 500001 tests, 1 failed")
                .doesNotContain("OutOfMemoryError");
    }

    @Test
    void a_bench_file_over_bench_max_import_bytes_is_refused_with_one_line() throws Exception {
        env.put("CZAR_BENCH_MAX_IMPORT_BYTES", "100");
        Path csv = Fixtures.copy("bench/noisy.csv", tmp);

        CliRun run = czar("bench", "import", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("czar: " + csv + " is " + Files.size(csv) + " bytes, over bench.max-import-bytes (100);"
                + " nothing was imported (split the file, or raise the limit in czar.yaml or CZAR_BENCH_MAX_IMPORT_BYTES)"
                + System.lineSeparator());
    }

    @Test
    void lines_of_nul_bytes_and_absurdly_long_lines_are_rejected_by_number_and_the_rest_imported() throws Exception {
        // given a good CSV with a 5,000-character line of NULs and a 3,000-character line after a good row
        env.put("CZAR_BENCH_MAX_LINE_CHARS", "1000");
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.path("bench/history.csv")));
        lines.add(2, "\0".repeat(5_000));
        lines.add(4, "parse_json," + "9".repeat(3_000));
        Path csv = tmp.resolve("hostile.csv");
        Files.write(csv, lines);

        CliRun run = czar("bench", "import", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("rejected hostile.csv:3: is longer than bench.max-line-chars (1000)")
                .contains("rejected hostile.csv:5: is longer than bench.max-line-chars (1000)")
                .containsPattern("Inserted [1-9][0-9]* rows");
    }

    @Test
    void a_bench_import_that_rejected_every_record_exits_non_zero_and_says_so() throws Exception {
        Path csv = tmp.resolve("garbage.csv");
        Files.writeString(csv, "benchmark,value,unit\nparse_json,fast,ms\nparse_json,,ms\n");

        CliRun run = czar("bench", "import", csv.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).startsWith("Inserted 0 rows, 0 duplicates skipped, 2 rejected.");
        assertThat(run.err()).isEqualTo("czar: every record was rejected; nothing was imported" + System.lineSeparator());
    }

    @Test
    void a_bench_file_of_nul_bytes_larger_than_the_heap_is_read_in_bounded_memory() throws Exception {
        // given 64 MB of NUL bytes without a line break, for a JVM with a 48 MB heap
        Path csv = tmp.resolve("nul.csv");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(csv)) {
            out.write("benchmark,value,unit\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }

        Child child = inChildJvm("bench", "import", csv.toString());

        assertThat(child.output()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ")
                .contains("rejected nul.csv:2: is longer than bench.max-line-chars (1048576)")
                .contains("czar: every record was rejected; nothing was imported");
        assertThat(child.exit()).isEqualTo(2);
    }

    record Child(int exit, String output) {
    }

    /** czar as its own process with a 48 MB heap, on the test classpath. */
    private Child inChildJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), Czar.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--repo", repo.dir().toString(), "--home", tmp.resolve("home").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CZAR_") || k.equals("GITHUB_TOKEN"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Child(p.exitValue(), output);
    }
}
