package dev.czar.evidence.bench;

import java.time.Instant;

/**
 * One validated record, ready to store: the run it belongs to, one metric with its canonical value, and the raw
 * cells it came from.
 *
 * @param runHash    SHA-256 over (source, benchmark, variant, iteration, commit, timestamp)
 * @param source     the file name the record came from
 * @param line       its line number in that file
 * @param value      canonical value (see {@link Units})
 * @param unit       canonical unit, {@code null} when none was given
 * @param rawValue   the value cell as written
 * @param rawUnit    the unit as written (unit cell, or suffix of the value cell)
 * @param conversion how {@code rawValue rawUnit} became {@code value unit}; {@code null} when unchanged
 * @param rawFields  every column that is not one of the nine record fields, as a JSON object; {@code null} if none
 * @param notes      why optional cells became NULL; {@code null} when all were fine
 */
record Measurement(String runHash, String source, int line, String benchmark, String variant, Integer iteration,
                   String commit, String branch, Instant ranAt, String metric, double value, String unit,
                   String rawValue, String rawUnit, String conversion, String rawFields, String notes) {
    /** The store's UNIQUE key of the run: its timestamp, then hash bits (see {@link RunKey}). */
    java.util.UUID runKey() {
        return RunKey.of(runHash, ranAt);
    }
}
