package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Gemini CLI's {@code --output-format stream-json}: {@code init} (session id), {@code message} (the user's
 * prompt, then the assistant's text in deltas), {@code tool_use} / {@code tool_result} (paired by
 * {@code tool_id}), {@code error} (warnings and errors), and a final {@code result} with status and token stats.
 * Gemini reports tokens, not a cost. State kept: the assistant text since the last tool call (bounded) and the
 * tool calls awaiting their result.
 */
final class GeminiStream implements AgentStream {
    private static final int MAX_TEXT = 16_000;
    /** Tools whose success means a file in the working copy was written. */
    private static final Set<String> WRITING_TOOLS = Set.of("write_file", "replace", "edit");

    private record Pending(String tool, String target) {
    }

    private final Map<String, Pending> pending = new HashMap<>();
    private final StringBuilder text = new StringBuilder();
    private String lastError;
    private boolean ended;

    @Override
    public List<WorkerEvent> line(String line) {
        JsonNode event = JsonEvents.object(line);
        if (event == null) {
            return List.of(new WorkerEvent.Output(line));
        }
        return switch (event.path("type").asText()) {
            case "init" -> List.of(new WorkerEvent.SessionStarted(event.path("session_id").asText()));
            case "message" -> message(event);
            case "tool_use" -> toolUse(event);
            case "tool_result" -> toolResult(event);
            case "error" -> {
                if ("error".equals(event.path("severity").asText())) {
                    lastError = event.path("message").asText();
                }
                yield List.of(new WorkerEvent.Output("gemini: " + event.path("message").asText()));
            }
            case "result" -> result(event);
            default -> List.of(new WorkerEvent.Output(line));
        };
    }

    @Override
    public List<WorkerEvent> end(int exitCode) {
        if (ended) {
            return List.of();
        }
        ended = true;
        String why = lastError != null ? lastError : "gemini exited with code " + exitCode + " without a result";
        return List.of(new WorkerEvent.TurnEnded(false, why, 0));
    }

    private List<WorkerEvent> message(JsonNode event) {
        if ("assistant".equals(event.path("role").asText()) && text.length() < MAX_TEXT) {
            text.append(event.path("content").asText());
        }
        return List.of();
    }

    private List<WorkerEvent> toolUse(JsonNode event) {
        List<WorkerEvent> events = new ArrayList<>(flushText());
        String tool = event.path("tool_name").asText();
        String target = target(event.path("parameters"));
        pending.put(event.path("tool_id").asText(), new Pending(tool, target));
        events.add(new WorkerEvent.ToolCall(tool, target));
        return events;
    }

    private List<WorkerEvent> toolResult(JsonNode event) {
        Pending call = pending.remove(event.path("tool_id").asText());
        if (call == null) {
            return List.of();
        }
        if ("error".equals(event.path("status").asText())) {
            JsonNode error = event.path("error");
            return "policy_violation".equals(error.path("type").asText())
                    ? List.of(new WorkerEvent.PermissionDenied(call.tool(), error.path("message").asText()))
                    : List.of(new WorkerEvent.Output("gemini: " + call.tool() + " failed: " + error.path("message").asText()));
        }
        return WRITING_TOOLS.contains(call.tool()) && !call.target().isEmpty()
                ? List.of(new WorkerEvent.FileChanged(call.target())) : List.of();
    }

    private List<WorkerEvent> result(JsonNode event) {
        ended = true;
        String finalText = text.toString().trim();
        List<WorkerEvent> events = new ArrayList<>(flushText());
        JsonNode stats = event.path("stats");
        if (stats.isObject()) {
            events.add(new WorkerEvent.Usage(stats.path("input_tokens").asLong(), stats.path("output_tokens").asLong(),
                    null));
        }
        boolean success = "success".equals(event.path("status").asText());
        String error = event.path("error").path("message").asText(lastError != null ? lastError : "gemini failed");
        events.add(new WorkerEvent.TurnEnded(success, success ? finalText : error, 0));
        return events;
    }

    /** The assistant's text so far, as one message; the next text is what follows the tool call. */
    private List<WorkerEvent> flushText() {
        String message = text.toString().trim();
        text.setLength(0);
        return message.isEmpty() ? List.of() : List.of(new WorkerEvent.Message(message));
    }

    /** The file or command a tool acted on, from the parameter names Gemini's built-in tools use. */
    private static String target(JsonNode parameters) {
        for (String key : List.of("file_path", "absolute_path", "path", "dir_path", "command", "pattern", "query",
                "url")) {
            if (parameters.path(key).isTextual()) {
                return parameters.path(key).asText();
            }
        }
        return "";
    }
}
