package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;

import java.io.IOException;

/** Reading one line of an agent's JSON-lines stream; a line that is not a JSON object stays plain output. */
final class JsonEvents {
    private JsonEvents() {
    }

    /** The line as a JSON object, or {@code null} when it is not one (text, a half line, another JSON value). */
    static JsonNode object(String line) {
        try {
            JsonNode event = Json.MAPPER.readTree(line);
            return event != null && event.isObject() ? event : null;
        } catch (IOException e) {
            return null;
        }
    }
}
