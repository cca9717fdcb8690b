package dev.czar.evidence.bench;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.czar.evidence.bench.CellText.blankToNull;
import static dev.czar.evidence.bench.CellText.isHex;
import static dev.czar.evidence.bench.CellText.isInteger;
import static dev.czar.evidence.bench.CellText.isNullToken;
import static dev.czar.evidence.bench.CellText.isPlainDecimal;
import static dev.czar.evidence.bench.CellText.note;
import static dev.czar.evidence.bench.CellText.shorten;

/**
 * Turns the raw fields of one record into a {@link Measurement}, or says in one phrase why it cannot. Required
 * fields ({@code benchmark}, {@code metric}, {@code value}) that are missing or unparseable reject the record;
 * a bad optional field becomes NULL and the reason is kept in the row's notes. One per reading thread: it remembers
 * the last run and timestamp it read ({@link RunHasher}, {@link TimestampCell}).
 */
final class RecordValidator {
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([\\p{L}%/µμ][\\p{L}%/µμ]*)?");
    static final int MAX_NAME = 200;
    static final int MAX_RAW_FIELDS = 100_000;

    private final RunHasher runs = new RunHasher();
    private final TimestampCell timestamps = new TimestampCell();

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
        Reading reading = reading(rawValue, blankToNull(fields.get("unit")));
        Units.Canonical canonical = Units.canonical(reading.number(), reading.unit());
        if (!Double.isFinite(canonical.value())) {
            throw new Rejected("value '" + shorten(rawValue) + "' is out of range in " + canonical.unit());
        }
        String rawFields = ExtraColumns.json(fields);
        if (rawFields != null && rawFields.length() > MAX_RAW_FIELDS) {
            throw new Rejected("extra columns are longer than " + MAX_RAW_FIELDS + " characters");
        }
        StringBuilder notes = new StringBuilder();
        String variant = optionalName(fields, "variant", notes);
        String branch = optionalName(fields, "branch", notes);
        Integer iteration = iteration(fields.get("iteration"), notes);
        String commit = commit(fields.get("commit"), notes);
        Instant ranAt = timestamps.read(fields.get("timestamp"), notes);
        String runHash = runs.hash(source, benchmark, variant, iteration, commit, ranAt);
        return new Measurement(runHash, source, line, benchmark, variant, iteration, commit, branch, ranAt, metric,
                canonical.value(), canonical.unit(), rawValue.length() > MAX_NAME ? rawValue.substring(0, MAX_NAME) : rawValue,
                reading.unit(), canonical.conversion(), rawFields, notes.isEmpty() ? null : notes.toString());
    }

    /** A number as written in the value cell, and its unit: from the value's suffix or else from the unit cell. */
    private record Reading(double number, String unit) {
    }

    private static Reading reading(String rawValue, String rawUnitCell) throws Rejected {
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
        return new Reading(number, rawUnit);
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

}
