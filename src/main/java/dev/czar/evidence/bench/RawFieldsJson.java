package dev.czar.evidence.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Writes the extra columns of a record as a JSON object with its keys sorted, character for character what Jackson
 * writes for a {@code TreeMap<String, String>} (RawFieldsJsonTest holds it to that). Written by hand because one
 * call per imported row was a tenth of the importer's read-and-validate time.
 */
final class RawFieldsJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RawFieldsJson() {
    }

    /** The fields whose key is not in {@code known}, as JSON; {@code null} when there are none. */
    static String of(Map<String, String> fields, Set<String> known) {
        String[] keys = new String[fields.size()];
        int n = 0;
        for (String key : fields.keySet()) {
            if (!known.contains(key)) {
                keys[n++] = key;
            }
        }
        if (n == 0) {
            return null;
        }
        Arrays.sort(keys, 0, n);
        StringBuilder json = new StringBuilder(16 * n + 2).append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, keys[i]);
            json.append(':');
            String value = fields.get(keys[i]);
            if (value == null) {
                json.append("null");
            } else {
                string(json, value);
            }
        }
        return json.append('}').toString();
    }

    /** A JSON string: quote and backslash escaped, control characters as Jackson spells them, the rest verbatim. */
    static void string(StringBuilder json, String s) {
        json.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        json.append(s, plain, s.length()).append('"');
    }
}
