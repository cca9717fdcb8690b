package dev.czar.evidence.bench;

import dev.czar.bench.BenchResults;
import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Hostile input for each benchmark reader on its own (CSV, JSONL, logfmt), beyond {@link ImporterFuzzTest}'s noisy
 * cells: lines of random bytes, truncated lines, byte order marks at the start and in the middle, huge numbers,
 * unicode from every plane, a 10,000-column line, unterminated quotes, NULs, CRLF endings (on random lines) and repeated lines, mixed
 * with well-formed records at known line numbers. No exception may escape, every reject names its file, line and
 * reason, every well-formed record is stored, and nothing is stored twice (not even on a second import).
 */
class BenchParserFuzzTest {
    private static final int SEEDS = 4;
    private static final int LINES = 120;
    private static final String[] HUGE = {"1e999999", "-1e400", "9".repeat(5000), "1e-99999", "NaN", "Infinity",
            "99999999999999999999999999", "0x7fffffffffffffff", "1" + "0".repeat(400) + ".5"};
    private static final String[] UNICODE = {"déjà_vu", "パース", "🚀🚀", "עברית\u202e", "a\u200bb\u200c", "e\u0301\u0301\u0301",
            "\uFEFFbom_in_cell", "nul\u0000in", "\u001b[31mred", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"};
    private static final AtomicLong LINES_TRIED = new AtomicLong();
    private static final AtomicLong REJECTS = new AtomicLong();
    private static final AtomicLong INSERTED = new AtomicLong();
    private static final AtomicLong FILES = new AtomicLong();

    final Database db = MemoryDatabase.open();
    final BenchmarkImporter importer = new BenchmarkImporter(db, BenchmarkImporterTest.CLOCK);

    @TempDir
    Path dir;

    /** One generated file: its lines, and the line numbers (1-based) of the well-formed records in it. */
    record Generated(List<String> lines, Set<Integer> wellFormed) {
    }

    static Stream<Object[]> formatsAndSeeds() {
        List<Object[]> cases = new ArrayList<>();
        for (BenchFormat format : BenchFormat.values()) {
            for (int seed = 1; seed <= SEEDS; seed++) {
                cases.add(new Object[]{format, seed});
            }
        }
        return cases.stream();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("formatsAndSeeds")
    void should_reject_hostile_lines_by_file_line_and_reason_and_store_each_good_record_once(BenchFormat format, int seed)
            throws Exception {
        // given
        Random random = new Random(9_000L * seed + format.ordinal());
        Generated generated = generate(format, random, seed);
        String name = "hostile-" + seed + "." + format.name().toLowerCase(java.util.Locale.ROOT);
        Path file = write(name, generated.lines(), random);

        // when: imported twice
        ImportReport[] first = new ImportReport[1];
        assertThatCode(() -> first[0] = importer.importFiles(List.of(file), format, false)).doesNotThrowAnyException();
        ImportReport again = importer.importFiles(List.of(file), format, false);

        // then: every reject names the file, a real line and a one-line reason
        ImportReport report = first[0];
        for (ImportReport.Rejection r : report.rejected()) {
            assertThat(r.file()).isEqualTo(name);
            assertThat(r.line()).as("line of %s", r).isBetween(1, generated.lines().size());
            assertThat(r.reason()).as("reason of %s", r).isNotBlank().doesNotContain("\n").hasSizeLessThan(1_000);
        }
        // every record is accounted for once; every well-formed line is stored, none rejected
        ImportReport.FileSummary summary = report.files().get(0);
        assertThat(summary.inserted() + summary.duplicates() + summary.rejected()).isEqualTo(summary.records());
        Set<Integer> rejectedLines = new HashSet<>();
        report.rejected().forEach(r -> rejectedLines.add(r.line()));
        assertThat(rejectedLines).as("well-formed lines rejected").doesNotContainAnyElementsOf(generated.wellFormed());
        assertThat(report.inserted()).isGreaterThanOrEqualTo(generated.wellFormed().size());
        // nothing is stored twice, and the second import adds nothing
        assertThat(again.inserted()).isZero();
        assertThat(rows("SELECT COUNT(*) FROM bench_metrics")).isEqualTo(report.inserted());
        assertThat(rows("SELECT COUNT(*) FROM (SELECT DISTINCT run_id, metric FROM bench_metrics)")).isEqualTo(report.inserted());
        LINES_TRIED.addAndGet(generated.lines().size());
        REJECTS.addAndGet(report.rejected().size());
        INSERTED.addAndGet(report.inserted());
        FILES.incrementAndGet();
    }

    @AfterAll
    static void record() {
        System.out.printf("bench parser fuzz: %d files, %d lines, %d rejected with file+line+reason, %d rows stored once%n",
                FILES.get(), LINES_TRIED.get(), REJECTS.get(), INSERTED.get());
        BenchResults.record("76-parser-fuzz", "benchmark parsers (CSV, JSONL, logfmt): random bytes, truncated lines, BOMs,"
                        + " huge numbers, unicode, 10,000-column lines, unterminated quotes, NULs, CRLF, repeats",
                "`BenchParserFuzzTest` (+ issue 6's `ImporterFuzzTest`)", "no exception, every reject with file + line +"
                        + " reason, nothing stored twice", String.format("%d files, %,d lines, %,d rejected with file, line and"
                        + " reason, %,d rows stored, 0 exceptions, 0 stored twice, re-import stored 0",
                        FILES.get(), LINES_TRIED.get(), REJECTS.get(), INSERTED.get()),
                FILES.get() == (long) SEEDS * BenchFormat.values().length);
    }

    private static Generated generate(BenchFormat format, Random random, int seed) {
        List<String> lines = new ArrayList<>();
        Set<Integer> wellFormed = new HashSet<>();
        if (format == BenchFormat.CSV) {
            lines.add("\uFEFFtimestamp,commit,branch,benchmark,variant,iteration,metric,value,unit");
        }
        for (int i = 0; i < LINES; i++) {
            String good = line(format, "good_" + seed + "_" + i, "12.5", "main");
            int kind = random.nextInt(12);
            String hostile = switch (kind) {
                case 0 -> randomBytes(random);
                case 1 -> good.substring(0, random.nextInt(good.length()));
                case 2 -> "\uFEFF" + line(format, "bom_" + i, "1", "main");
                case 3 -> line(format, "huge_" + i, HUGE[random.nextInt(HUGE.length)], "main");
                case 4 -> line(format, UNICODE[random.nextInt(UNICODE.length)] + i, "3", UNICODE[random.nextInt(UNICODE.length)]);
                case 5 -> wide(format, i);
                case 6 -> unterminated(format, i);
                case 7 -> lines.isEmpty() ? "" : lines.get(random.nextInt(lines.size()));
                case 8 -> line(format, "nul_" + i, "1\u00002", "main\u0000");
                default -> null;
            };
            if (hostile != null) {
                lines.add(hostile);
            }
            lines.add(good);
            wellFormed.add(lines.size());
        }
        return new Generated(lines, wellFormed);
    }

    /** One record in the format; {@code benchmark} is unique per line so a stored row can only come from it. */
    private static String line(BenchFormat format, String benchmark, String value, String branch) {
        return switch (format) {
            case CSV -> "2026-11-03T10:00:00Z,b2c3d4e5," + csvCell(branch) + "," + csvCell(benchmark) + ",v1,1,time," + csvCell(value) + ",ms";
            case JSONL -> "{\"timestamp\":\"2026-11-03T10:00:00Z\",\"commit\":\"b2c3d4e5\",\"branch\":" + jsonString(branch)
                    + ",\"benchmark\":" + jsonString(benchmark) + ",\"iteration\":1,\"metric\":\"time\",\"value\":"
                    + jsonString(value) + ",\"unit\":\"ms\"}";
            case LOG -> "timestamp=2026-11-03T10:00:00Z commit=b2c3d4e5 branch=\"" + branch.replace("\"", "\\\"")
                    + "\" benchmark=\"" + benchmark.replace("\"", "\\\"") + "\" metric=time value=" + value + " unit=ms";
        };
    }

    /** 10,000 columns (cells, keys or pairs) on one line. */
    private static String wide(BenchFormat format, int i) {
        StringBuilder sb = new StringBuilder(line(format, "wide_" + i, "4", "main"));
        for (int c = 0; c < 10_000; c++) {
            switch (format) {
                case CSV -> sb.append(",x").append(c);
                case JSONL -> sb.insert(sb.length() - 1, ",\"k" + c + "\":" + c);
                case LOG -> sb.append(" k").append(c).append('=').append(c);
            }
        }
        return sb.toString();
    }

    private static String unterminated(BenchFormat format, int i) {
        return switch (format) {
            case CSV -> "2026-11-03T10:00:00Z,b2c3d4e5,main,\"open_" + i + ",v1,1,time,5,ms";
            case JSONL -> "{\"benchmark\":\"open_" + i + "\",\"metric\":\"time\",\"value\":\"5";
            case LOG -> "benchmark=\"open_" + i + " metric=time value=5 unit=ms";
        };
    }

    /** Up to 300 random bytes, as ISO-8859-1 text so {@link #write} emits them unchanged; no line breaks. */
    private static String randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        StringBuilder sb = new StringBuilder("\u0000RAW");
        for (byte b : bytes) {
            sb.append(b == '\n' || b == '\r' ? ' ' : (char) (b & 0xff));
        }
        return sb.toString();
    }

    /** Lines starting with the RAW marker are written as raw bytes; the rest as UTF-8, some with CRLF endings. */
    private Path write(String name, List<String> lines, Random random) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.startsWith("\u0000RAW") ? line.substring(4).getBytes(StandardCharsets.ISO_8859_1)
                    : line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(random.nextInt(5) == 0 ? new byte[]{'\r', '\n'} : new byte[]{'\n'});
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String jsonString(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private long rows(String sql) throws SQLException {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
