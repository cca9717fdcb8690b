package dev.czar.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One request to the Responses API stand-in, read as a conversation: its {@code input} items. */
public record ResponsesConversation(JsonNode request) {

    /** The type of the last input item ({@code message}, {@code function_call_output}…). */
    public String lastItemType() {
        JsonNode input = request.path("input");
        return input.isEmpty() ? "" : input.get(input.size() - 1).path("type").asText();
    }

    /** The output the agent's tool returned, when the last item is one. */
    public String lastToolOutput() {
        JsonNode input = request.path("input");
        JsonNode last = input.isEmpty() ? null : input.get(input.size() - 1);
        return last != null && "function_call_output".equals(last.path("type").asText())
                ? last.path("output").asText() : "";
    }

    /** The outputs of every tool call the conversation carries, oldest first. */
    public List<String> toolOutputs() {
        List<String> outputs = new ArrayList<>();
        for (JsonNode item : request.path("input")) {
            if (item.path("type").asText().endsWith("function_call_output")) {
                JsonNode output = item.path("output");
                if (output.isTextual()) {
                    outputs.add(output.asText());
                } else {
                    StringBuilder text = new StringBuilder();
                    output.forEach(o -> text.append(o.path("text").asText()));
                    outputs.add(text.toString());
                }
            }
        }
        return outputs;
    }

    /** The texts of the input messages with {@code role}, in order. */
    public List<String> texts(String role) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : request.path("input")) {
            if ("message".equals(item.path("type").asText()) && role.equals(item.path("role").asText())) {
                StringBuilder text = new StringBuilder();
                item.path("content").forEach(c -> text.append(c.path("text").asText()));
                texts.add(text.toString());
            }
        }
        return texts;
    }

    /** The names of the function tools the agent offered the model. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}
