package dev.czar.evidence.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** One JSON object per line; nested values are kept as their JSON text. */
final class JsonlRecords implements RecordReader {
    @Override
    public void read(BufferedReader in, RecordSink sink) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (number == 1) {
                line = RecordReader.stripBom(line);
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                var at = e.getLocation();
                sink.reject(number, "is not valid JSON" + (at == null ? "" : " (broken at column " + at.getColumnNr() + ")"));
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.reject(number, "is not a JSON object");
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                JsonNode value = field.getValue();
                fields.putIfAbsent(RecordReader.key(field.getKey()),
                        value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString());
            }
            sink.record(number, fields);
        }
    }
}
