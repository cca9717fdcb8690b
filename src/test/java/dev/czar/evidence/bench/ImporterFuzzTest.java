package dev.czar.evidence.bench;

import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Feeds the importer random noise (null tokens, garbage, truncated lines, unicode, huge numbers, duplicated
 * lines, stray quotes and braces) in all three formats. Seeded per repetition, so a failure is reproducible.
 */
class ImporterFuzzTest {
    private static final String[] NOISE = {"", "N", "None", "NaN", "nan", "null", "NULL", "-", "?", "inf", "-Infinity",
            "1e309", "-1e400", "9".repeat(400), "0x1F", "12abc", "１２", "١٢", "\"", "\"\"", "\"a,b\"", "{", "}", "[1]",
            "=", "a=b", "\t", " 3 ", "ünïcødé", "パース", "🚀🚀", "\u0000", "\u001b[31m", "\uFEFF", "1,5", "1.2.3",
            "2026-13-45T99:99:99Z", "12.5ms", "7 kWh", "3 furlongs", "-0", "1e-320", "deadbeef", "main", "x".repeat(300)};
    private static final String[] COLUMNS = {"timestamp", "commit", "branch", "benchmark", "variant", "iteration",
            "metric", "value", "unit", "host", "rss_kb"};

    final Database db = MemoryDatabase.open();
    /** Chunks of 50 staged rows: duplicates and re-imports cross many bulk-load boundaries. */
    final BenchmarkImporter importer = new BenchmarkImporter(db, BenchmarkImporterTest.CLOCK, 50);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        db.close();
    }

    @RepeatedTest(12)
    void should_never_throw_and_never_insert_a_record_twice(RepetitionInfo repetition) throws Exception {
        // given three noisy files
        Random random = new Random(6_000L + repetition.getCurrentRepetition());
        List<Path> files = List.of(csv(random), jsonl(random), logfmt(random));

        // when imported, then imported again
        ImportReport[] first = new ImportReport[1];
        assertThatCode(() -> first[0] = importer.importFiles(files, null, false)).doesNotThrowAnyException();
        ImportReport again = importer.importFiles(files, null, false);

        // then every record is accounted for exactly once, and the second import adds nothing
        for (ImportReport.FileSummary f : first[0].files()) {
            assertThat(f.inserted() + f.duplicates() + f.rejected()).as(f.file()).isEqualTo(f.records());
        }
        assertThat(first[0].inserted()).isPositive();
        assertThat(again.inserted()).isZero();
        assertThat(again.duplicates()).isEqualTo(first[0].inserted() + first[0].duplicates());
        assertThat(rows("SELECT COUNT(*) FROM bench_metrics")).isEqualTo(first[0].inserted());
        assertThat(rows("SELECT COUNT(*) FROM (SELECT DISTINCT run_id, metric FROM bench_metrics)")).isEqualTo(first[0].inserted());
    }

    private Path csv(Random random) throws IOException {
        List<String> header = new ArrayList<>(List.of(COLUMNS));
        Collections.shuffle(header, random);
        List<String> lines = new ArrayList<>();
        lines.add((random.nextBoolean() ? "\uFEFF" : "") + String.join(",", header));
        for (int i = 0; i < 150; i++) {
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                cells.add(cell(random, column, i));
            }
            lines.add(mangle(random, String.join(",", cells), lines));
        }
        return write("fuzz.csv", lines);
    }

    private Path jsonl(Random random) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder json = new StringBuilder("{");
            for (String column : COLUMNS) {
                if (random.nextInt(10) > 0) {
                    String v = cell(random, column, i).replace("\\", "\\\\").replace("\"", "\\\"");
                    json.append(json.length() > 1 ? "," : "").append('"').append(column).append("\":")
                            .append(random.nextInt(6) == 0 ? "null" : "\"" + v + "\"");
                }
            }
            lines.add(mangle(random, json.append('}').toString(), lines));
        }
        return write("fuzz.jsonl", lines);
    }

    private Path logfmt(Random random) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder line = new StringBuilder();
            for (String column : COLUMNS) {
                String v = cell(random, column, i);
                line.append(column).append('=').append(v.contains(" ") || random.nextBoolean() ? "\"" + v + "\"" : v).append(' ');
            }
            lines.add(mangle(random, line.toString(), lines));
        }
        return write("fuzz.log", lines);
    }

    private static String cell(Random random, String column, int i) {
        if (random.nextInt(4) == 0) {
            return NOISE[random.nextInt(NOISE.length)];
        }
        return switch (column) {
            case "timestamp" -> "2026-11-0" + (1 + random.nextInt(8)) + "T10:" + (10 + random.nextInt(50)) + ":00Z";
            case "commit" -> Integer.toHexString(0x10000000 + random.nextInt(0x0fffffff));
            case "branch" -> random.nextBoolean() ? "main" : "feature-ü";
            case "benchmark" -> random.nextBoolean() ? "parse_json" : "déjà_vu_🚀";
            case "variant" -> "v" + random.nextInt(3);
            case "iteration" -> String.valueOf(i % 7);
            case "metric" -> random.nextBoolean() ? "time" : "energy";
            case "value" -> random.nextInt(5) == 0 ? "1e" + random.nextInt(400) : String.valueOf(random.nextDouble() * 1000);
            case "unit" -> new String[]{"ms", "s", "us", "J", "kWh", "MiB", "ops/s", ""}[random.nextInt(8)];
            default -> String.valueOf(random.nextInt());
        };
    }

    /** Sometimes truncates the line at a random point, or repeats an earlier line verbatim. */
    private static String mangle(Random random, String line, List<String> earlier) {
        int roll = random.nextInt(10);
        if (roll == 0 && line.length() > 1) {
            return line.substring(0, random.nextInt(line.length()));
        }
        if (roll == 1 && earlier.size() > 1) {
            return earlier.get(1 + random.nextInt(earlier.size() - 1));
        }
        return line;
    }

    /** Writes UTF-8 (a cut surrogate pair becomes '?') and, on some lines, bytes that are not UTF-8 at all. */
    private Path write(String name, List<String> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (++n % 17 == 0) {
                out.writeBytes(new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF});
            }
            out.write('\n');
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    private long rows(String sql) throws SQLException {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
