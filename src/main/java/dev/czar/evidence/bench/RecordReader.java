package dev.czar.evidence.bench;

import java.io.BufferedReader;
import java.io.IOException;

/** Splits one file into records; never throws for bad content, only for I/O. */
interface RecordReader {
    void read(BufferedReader in, RecordSink sink) throws IOException;

    static RecordReader of(BenchFormat format) {
        return switch (format) {
            case CSV -> new CsvRecords();
            case JSONL -> new JsonlRecords();
            case LOG -> new LogfmtRecords();
        };
    }

    /** Drops a UTF-8 byte order mark that survived decoding at the start of a file. */
    static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    static String key(String raw) {
        return stripBom(raw).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
