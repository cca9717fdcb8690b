package dev.czar.evidence.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The columns of a record czar does not model, kept with the row as a JSON object of strings (sorted by name). */
final class ExtraColumns {
    /** The columns czar models; every other one is extra. */
    static final Set<String> FIELDS = Set.of("timestamp", "commit", "branch", "benchmark", "variant", "iteration",
            "metric", "value", "unit");
    private static final JsonStringEncoder JSON_STRINGS = JsonStringEncoder.getInstance();

    private ExtraColumns() {
    }

    /** The extra columns as JSON, or {@code null} when there are none. */
    static String json(Map<String, String> fields) {
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
}
