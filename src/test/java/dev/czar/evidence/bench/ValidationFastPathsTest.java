package dev.czar.evidence.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The importer's hand-written fast paths (plain CSV lines, plain decimals, UTC timestamps, raw fields as JSON) give
 * the same answers as the general code they bypass: the regexes, java.time's ISO parser and Jackson's ObjectMapper. Random inputs from small alphabets, so that
 * near misses (a second dot, a month 13, a quote) are common.
 */
class ValidationFastPathsTest {
    private static final int CASES = 20_000;
    private final Random random = new Random(6);

    @Test
    void raw_fields_are_the_json_jackson_writes_for_them() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < CASES / 10; i++) {
            Map<String, String> fields = new HashMap<>(Map.of("benchmark", "b", "metric", "m", "value", "1"));
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                fields.put(text("ab\"\\\n\t\u0001é✓😀 ", 4), text("xy\"\\\n\u001f€😀/<", 6));
            }
            Map<String, String> extra = new TreeMap<>(fields);
            extra.keySet().removeAll(ExtraColumns.FIELDS);
            String written = new RecordValidator().validate("f.csv", 2, fields).rawFields();
            assertThat(written).as("%s", extra).isEqualTo(extra.isEmpty() ? null : json.writeValueAsString(extra));
        }
    }

    @Test
    void plain_decimal_check_agrees_with_the_regex_it_replaces() {
        Pattern plain = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)");
        for (int i = 0; i < CASES; i++) {
            String s = text("+-.0123456789e ", 5);
            assertThat(CellText.isPlainDecimal(s)).as("'%s'", s).isEqualTo(plain.matcher(s).matches());
        }
    }

    @Test
    void utc_timestamps_parse_as_the_iso_parser_does() {
        for (int i = 0; i < CASES; i++) {
            char[] shape = "2026-11-27T21:49:31Z".toCharArray();
            // the last character stays a zone (Z or z): such values took the ISO parser before the fast path existed
            shape[19] = random.nextBoolean() ? 'Z' : 'z';
            for (int k = random.nextInt(4); k > 0; k--) {
                shape[random.nextInt(19)] = "0123456789 Tt:-x".charAt(random.nextInt(16));
            }
            String value = new String(shape);
            Instant expected;
            try {
                expected = OffsetDateTime.parse(value.replace(' ', 'T').replace('z', 'Z')).toInstant();
            } catch (DateTimeException e) {
                expected = null;
            }
            StringBuilder notes = new StringBuilder();
            Instant actual = TimestampCell.parse(value, notes);
            assertThat(actual).as("'%s'", value).isEqualTo(expected);
            assertThat(notes.toString()).as("'%s'", value).isEqualTo(expected == null
                    ? "timestamp '" + value + "' is not a date-time (stored as NULL)" : "");
        }
    }

    @Test
    void lines_without_quotes_split_at_every_separator() {
        for (int i = 0; i < CASES; i++) {
            char separator = random.nextBoolean() ? ',' : '\t';
            String line = text("a1 ,\t.é", 12);
            List<String> expected = Arrays.asList(line.split(Pattern.quote(String.valueOf(separator)), -1));
            assertThat(CsvRecords.split(line, separator)).as("'%s'", line).isEqualTo(expected);
        }
    }

    @Test
    void quoted_cells_still_take_the_general_path() {
        assertThat(CsvRecords.split("a,\"b,c\",\"d\"\"e\",  \"f\"", ',')).containsExactly("a", "b,c", "d\"e", "f");
    }

    private String text(String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

}
