package dev.czar.evidence.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw fields of one record into a {@link Measurement}, or says in one phrase why it cannot. Required
 * fields ({@code benchmark}, {@code metric}, {@code value}) that are missing or unparseable reject the record;
 * a bad optional field becomes NULL and the reason is kept in the row's notes.
 */
final class RecordValidator {
    static final Set<String> FIELDS = Set.of("timestamp", "commit", "branch", "benchmark", "variant", "iteration",
            "metric", "value", "unit");
    private static final Set<String> NULL_TOKENS = Set.of("", "n", "none", "nan", "-nan", "null", "nil", "na", "n/a",
            "-", "--", "?", "undefined", "inf", "-inf", "+inf", "infinity", "-infinity");
    private static final int LONGEST_NULL_TOKEN = NULL_TOKENS.stream().mapToInt(String::length).max().orElseThrow();
    /** The first characters of the null tokens (lower case): a cell starting with another one is no null token. */
    private static final String NULL_TOKEN_STARTS = NULL_TOKENS.stream().filter(t -> !t.isEmpty())
            .map(t -> t.substring(0, 1)).distinct().reduce("", String::concat);
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([\\p{L}%/µμ][\\p{L}%/µμ]*)?");
    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}(\\.\\d+)?");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]");
    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();
    static final int MAX_NAME = 200;
    static final int MAX_RAW_FIELDS = 100_000;

    private final MessageDigest sha256;
    /**
     * The last run hashed and the last timestamp parsed: the metrics of one run come in consecutive records, so most
     * records repeat both, and hashing and date parsing were the costliest steps of validation.
     */
    private Object[] lastRun = new Object[6];
    private String lastRunHash;
    private String lastTimestamp;
    private Instant lastInstant;

    RecordValidator() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** Thrown for a record that cannot be stored; the message is the reason shown to the user. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    Measurement validate(String source, int line, Map<String, String> fields) throws Rejected {
        String benchmark = requiredName(fields, "benchmark");
        String metric = requiredName(fields, "metric");
        String rawValue = fields.get("value");
        if (rawValue == null) {
            throw new Rejected("missing required field 'value'");
        }
        String rawUnitCell = blankToNull(fields.get("unit"));
        String strippedValue = rawValue.strip();
        String numberText;
        String unitSuffix = null;
        if (isPlainDecimal(strippedValue)) {
            numberText = strippedValue;
        } else {
            Matcher m = NUMBER_WITH_UNIT.matcher(strippedValue);
            if (isNullToken(rawValue) || !m.matches()) {
                throw new Rejected("value '" + shorten(rawValue) + "' is not a number");
            }
            numberText = m.group(1);
            unitSuffix = m.group(2);
        }
        double number = Double.parseDouble(numberText);
        if (!Double.isFinite(number)) {
            throw new Rejected("value '" + shorten(rawValue) + "' is out of range");
        }
        String rawUnit = rawUnitCell;
        if (unitSuffix != null) {
            if (rawUnitCell != null && !rawUnitCell.equalsIgnoreCase(unitSuffix)) {
                throw new Rejected("value '" + shorten(rawValue) + "' says " + unitSuffix + " but unit says " + shorten(rawUnitCell));
            }
            rawUnit = unitSuffix;
        }
        if (rawUnit != null && rawUnit.length() > 64) {
            throw new Rejected("unit '" + shorten(rawUnit) + "' is longer than 64 characters");
        }
        Units.Canonical canonical = Units.canonical(number, rawUnit);
        if (!Double.isFinite(canonical.value())) {
            throw new Rejected("value '" + shorten(rawValue) + "' is out of range in " + canonical.unit());
        }
        String rawFields = rawFields(fields);
        if (rawFields != null && rawFields.length() > MAX_RAW_FIELDS) {
            throw new Rejected("extra columns are longer than " + MAX_RAW_FIELDS + " characters");
        }
        StringBuilder notes = new StringBuilder();
        String variant = optionalName(fields, "variant", notes);
        String branch = optionalName(fields, "branch", notes);
        Integer iteration = iteration(fields.get("iteration"), notes);
        String commit = commit(fields.get("commit"), notes);
        Instant ranAt = cachedTimestamp(fields.get("timestamp"), notes);
        String runHash = runHash(source, benchmark, variant, iteration, commit, ranAt);
        return new Measurement(runHash, source, line, benchmark, variant, iteration, commit, branch, ranAt, metric,
                canonical.value(), canonical.unit(), rawValue.length() > MAX_NAME ? rawValue.substring(0, MAX_NAME) : rawValue,
                rawUnit, canonical.conversion(), rawFields, notes.isEmpty() ? null : notes.toString());
    }

    String runHash(String source, String benchmark, String variant, Integer iteration, String commit, Instant ranAt) {
        Object[] parts = {source, benchmark, variant, iteration, commit, ranAt};
        if (lastRunHash != null && Arrays.equals(parts, lastRun)) {
            return lastRunHash;
        }
        sha256.reset();
        for (Object part : parts) {
            sha256.update(part == null ? new byte[]{1} : part.toString().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        lastRun = parts;
        lastRunHash = HexFormat.of().formatHex(sha256.digest());
        return lastRunHash;
    }

    /** {@link #timestamp}, remembering the last cell that parsed (a bad one is parsed again, for its note). */
    private Instant cachedTimestamp(String raw, StringBuilder notes) {
        if (raw != null && raw.equals(lastTimestamp)) {
            return lastInstant;
        }
        Instant parsed = timestamp(raw, notes);
        if (parsed != null) {
            lastTimestamp = raw;
            lastInstant = parsed;
        }
        return parsed;
    }

    /** {@code [+-]?(\d+\.?\d*|\.\d+)}: a value without exponent or unit, the common case, checked without a regex. */
    static boolean isPlainDecimal(String s) {
        int i = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        int before = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            before++;
        }
        int after = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                after++;
            }
            if (before == 0 && after == 0) {
                return false;
            }
        }
        return i == s.length() && before + after > 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String requiredName(Map<String, String> fields, String key) throws Rejected {
        String raw = fields.get(key);
        if (raw == null) {
            throw new Rejected("missing required field '" + key + "'");
        }
        String value = raw.strip();
        if (isNullToken(value)) {
            throw new Rejected(key + " is empty ('" + shorten(raw) + "')");
        }
        String problem = nameProblem(value);
        if (problem != null) {
            throw new Rejected(key + " " + problem);
        }
        return value;
    }

    private static String optionalName(Map<String, String> fields, String key, StringBuilder notes) {
        String raw = fields.get(key);
        if (raw == null || isNullToken(raw)) {
            return null;
        }
        String value = raw.strip();
        String problem = nameProblem(value);
        if (problem != null) {
            note(notes, key + " " + problem);
            return null;
        }
        return value;
    }

    private static String nameProblem(String value) {
        if (value.length() > MAX_NAME) {
            return "is longer than " + MAX_NAME + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "contains control characters";
            }
        }
        return null;
    }

    private static Integer iteration(String raw, StringBuilder notes) {
        if (raw == null || isNullToken(raw)) {
            return null;
        }
        String value = raw.strip();
        if (isInteger(value)) {
            long n = Long.parseLong(value);
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        note(notes, "iteration '" + shorten(raw) + "' is not a whole number");
        return null;
    }

    private static String commit(String raw, StringBuilder notes) {
        if (raw == null || isNullToken(raw)) {
            return null;
        }
        String value = raw.strip();
        if (isHex(value)) {
            return value.toLowerCase(Locale.ROOT);
        }
        note(notes, "commit '" + shorten(raw) + "' is not a hex SHA");
        return null;
    }

    /** {@code [+-]?\d{1,10}} */
    private static boolean isInteger(String s) {
        int from = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        int digits = s.length() - from;
        if (digits < 1 || digits > 10) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9a-fA-F]{4,64}} */
    private static boolean isHex(String s) {
        if (s.length() < 4 || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f') && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }

    static Instant timestamp(String raw, StringBuilder notes) {
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

    private static String rawFields(Map<String, String> fields) {
        if (fields.size() <= FIELDS.size() && FIELDS.containsAll(fields.keySet())) {
            return null;
        }
        Map<String, String> extra = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (!FIELDS.contains(k)) {
                extra.put(k, v);
            }
        });
        // a JSON object of strings, escaped by Jackson; a generator per record (ObjectMapper.writeValueAsString) was
        // 14 % of the reading thread's profile of a 1,000,000-row import
        StringBuilder json = new StringBuilder(16 * extra.size()).append('{');
        extra.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quoted(json, k).append(':');
            if (v == null) {
                json.append("null");
            } else {
                quoted(json, v);
            }
        });
        return json.append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        JSON_STRINGS.quoteAsString(text, json);
        return json.append('"');
    }

    private static String blankToNull(String raw) {
        return raw == null || isNullToken(raw) ? null : raw.strip();
    }

    static boolean isNullToken(String raw) {
        String value = raw.strip();
        // most cells are longer than the longest token or start like none: skip lower-casing a copy of each (a hot path)
        if (value.isEmpty()) {
            return true;
        }
        return value.length() <= LONGEST_NULL_TOKEN && NULL_TOKEN_STARTS.indexOf(Character.toLowerCase(value.charAt(0))) >= 0
                && NULL_TOKENS.contains(value.toLowerCase(Locale.ROOT));
    }

    private static void note(StringBuilder notes, String note) {
        if (!notes.isEmpty()) {
            notes.append("; ");
        }
        notes.append(note).append(" (stored as NULL)");
    }

    static String shorten(String raw) {
        String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "…" : oneLine;
    }
}
