package dev.czar.evidence.bench;

import dev.czar.UserError;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats {@code czar bench import} reads. */
public enum BenchFormat {
    /** Comma-separated, one header row naming the fields in any order. */
    CSV,
    /** One JSON object per line. */
    JSONL,
    /** One logfmt record ({@code key=value key="quoted value"}) per line. */
    LOG;

    /** Parses a {@code --format} value. */
    public static BenchFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown format '" + name + "' (use csv, jsonl or log)");
        }
    }

    /** Guesses from the file extension; {@code .txt}, {@code .log} and {@code .logfmt} are logfmt. */
    public static BenchFormat guess(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".log") || name.endsWith(".logfmt") || name.endsWith(".txt")) {
            return LOG;
        }
        throw new UserError("cannot tell the format of " + file + " from its extension (pass --format csv|jsonl|log)");
    }
}
