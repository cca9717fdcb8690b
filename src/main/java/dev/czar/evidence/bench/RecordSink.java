package dev.czar.evidence.bench;

import java.util.Map;

/** Receives what a {@link RecordReader} found in a file, line by line. */
interface RecordSink {
    /** A record with its fields as written (keys lower-cased and trimmed, values verbatim). */
    void record(int line, Map<String, String> fields);

    /** A line that is not a record at all (broken JSON, a CSV row with no cells). */
    void reject(int line, String reason);
}
