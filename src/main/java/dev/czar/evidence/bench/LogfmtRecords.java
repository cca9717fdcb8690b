package dev.czar.evidence.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * logfmt: {@code key=value key="quoted value" flag} per line. Words without {@code =} carry no field and are
 * ignored, so free text between records (build output) does not break an import.
 */
final class LogfmtRecords implements RecordReader {
    @Override
    public void read(BufferedReader in, RecordSink sink) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (number == 1) {
                line = RecordReader.stripBom(line);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Map<String, String> fields = parse(line);
            if (fields.isEmpty()) {
                sink.reject(number, "has no key=value pairs");
            } else {
                sink.record(number, fields);
            }
        }
    }

    static Map<String, String> parse(String line) {
        Map<String, String> fields = new HashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            String key = line.substring(keyStart, i);
            if (i >= n || line.charAt(i) != '=') {
                continue;
            }
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(line.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    value.append(line.charAt(i++));
                }
            }
            if (!key.isEmpty()) {
                fields.putIfAbsent(RecordReader.key(key), value.toString());
            }
        }
        return fields;
    }
}
