package dev.czar.evidence.bench;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import static dev.czar.evidence.bench.CellText.isDigit;
import static dev.czar.evidence.bench.CellText.isNullToken;
import static dev.czar.evidence.bench.CellText.note;
import static dev.czar.evidence.bench.CellText.shorten;

/**
 * Reads the {@code timestamp} cell of a benchmark record: ISO-8601 with or without offset, a date, or epoch seconds or
 * milliseconds (UTC when no offset is given). Remembers the last cell that parsed, since the metrics of one run come
 * in consecutive records that repeat it and date parsing was among the costliest steps of validation.
 */
final class TimestampCell {
    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}(\\.\\d+)?");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]");

    private String lastTimestamp;
    private Instant lastInstant;

    /** {@link #parse}, remembering the last cell that parsed (a bad one is parsed again, for its note). */
    Instant read(String raw, StringBuilder notes) {
        if (raw != null && raw.equals(lastTimestamp)) {
            return lastInstant;
        }
        Instant parsed = parse(raw, notes);
        if (parsed != null) {
            lastTimestamp = raw;
            lastInstant = parsed;
        }
        return parsed;
    }

    /** The instant a cell names, or {@code null} (with a note when the cell was not empty). */
    static Instant parse(String raw, StringBuilder notes) {
        if (raw == null || isNullToken(raw)) {
            return null;
        }
        String value = raw.strip();
        try {
            Instant plain = plainUtc(value);
            if (plain != null) {
                return plain;
            }
            if (EPOCH.matcher(value).matches()) {
                double epoch = Double.parseDouble(value);
                return value.indexOf('.') < 0 && value.length() >= 12 ? Instant.ofEpochMilli((long) epoch)
                        : Instant.ofEpochMilli(Math.round(epoch * 1000));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.endsWith("z") || value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(value.replace(' ', 'T').replace('z', 'Z')).toInstant();
            }
            return LocalDateTime.parse(value, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            note(notes, "timestamp '" + shorten(raw) + "' is not a date-time");
            return null;
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ssZ} (or a space for the T, or a lower-case z), the shape most tools write, parsed
     * without a formatter; {@code null} for any other shape. Out-of-range fields throw as the formatter would.
     */
    private static Instant plainUtc(String v) {
        if (v.length() != 20 || (v.charAt(19) != 'Z' && v.charAt(19) != 'z') || v.charAt(4) != '-' || v.charAt(7) != '-'
                || (v.charAt(10) != 'T' && v.charAt(10) != ' ') || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    /** The number written in {@code v[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
