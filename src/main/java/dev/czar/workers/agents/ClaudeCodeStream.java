package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claude Code's {@code --output-format stream-json --verbose}: one JSON object a line. {@code system}/{@code init}
 * opens the session; {@code assistant} messages carry text and {@code tool_use} blocks; {@code user} messages carry
 * the {@code tool_result}s (an error result of a refused tool is a denial); the final {@code result} has the turn's
 * outcome, turns, usage, {@code total_cost_usd} and {@code permission_denials}.
 */
final class ClaudeCodeStream implements AgentStream {
    private static final Set<String> EDITS = Set.of("Edit", "Write", "MultiEdit", "NotebookEdit");
    private static final int REMEMBERED_CALLS = 256;

    private String cwd;
    private boolean sessionSeen;
    /** Tool calls by id, to name the tool a later tool_result refused; bounded. */
    private final Map<String, WorkerEvent.ToolCall> calls = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkerEvent.ToolCall> eldest) {
            return size() > REMEMBERED_CALLS;
        }
    };

    @Override
    public List<WorkerEvent> line(String line) {
        if (!line.startsWith("{")) {
            return line.isBlank() ? List.of() : List.of(new WorkerEvent.Output(line));
        }
        if (line.contains("\"type\":\"user\"") && !line.contains("\"is_error\":true")) {
            // a successful tool result (often a whole file) says nothing czar keeps: not worth parsing (this check
            // cannot match inside a string value, where quotes are escaped)
            return List.of();
        }
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(line);
        } catch (Exception e) {
            return List.of(new WorkerEvent.Output(line));
        }
        return switch (event.path("type").asText()) {
            case "system" -> system(event);
            case "assistant" -> assistant(event.path("message").path("content"));
            case "user" -> toolResults(event.path("message").path("content"));
            case "result" -> result(event);
            default -> List.of();
        };
    }

    private List<WorkerEvent> system(JsonNode event) {
        if (!event.path("subtype").asText().equals("init")) {
            return List.of();
        }
        cwd = event.path("cwd").asText(null);
        return session(event);
    }

    private List<WorkerEvent> session(JsonNode event) {
        String id = event.path("session_id").asText("");
        if (sessionSeen || id.isEmpty()) {
            return List.of();
        }
        sessionSeen = true;
        return List.of(new WorkerEvent.SessionStarted(id));
    }

    private List<WorkerEvent> assistant(JsonNode content) {
        List<WorkerEvent> events = new ArrayList<>();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> {
                    if (!block.path("text").asText().isBlank()) {
                        events.add(new WorkerEvent.Message(block.path("text").asText()));
                    }
                }
                case "tool_use" -> {
                    String tool = block.path("name").asText("?");
                    JsonNode input = block.path("input");
                    WorkerEvent.ToolCall call = new WorkerEvent.ToolCall(tool, target(input));
                    calls.put(block.path("id").asText(""), call);
                    events.add(call);
                    String file = input.path("file_path").asText(input.path("notebook_path").asText(""));
                    if (EDITS.contains(tool) && !file.isEmpty()) {
                        events.add(new WorkerEvent.FileChanged(relative(file)));
                    }
                }
                default -> {
                }
            }
        }
        return events;
    }

    /** A tool result marked as an error whose text says approval or permission was missing: a denial. */
    private List<WorkerEvent> toolResults(JsonNode content) {
        List<WorkerEvent> events = new ArrayList<>();
        for (JsonNode block : content) {
            if (!block.path("type").asText().equals("tool_result") || !block.path("is_error").asBoolean()) {
                continue;
            }
            String text = text(block.path("content"));
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("requires approval") || lower.contains("permission")) {
                WorkerEvent.ToolCall call = calls.get(block.path("tool_use_id").asText(""));
                events.add(new WorkerEvent.PermissionDenied(call == null ? "?" : describe(call), text));
            }
        }
        return events;
    }

    private List<WorkerEvent> result(JsonNode event) {
        List<WorkerEvent> events = new ArrayList<>(session(event));
        JsonNode usage = event.path("usage");
        long input = usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong()
                + usage.path("cache_read_input_tokens").asLong();
        BigDecimal cost = event.hasNonNull("total_cost_usd") ? event.get("total_cost_usd").decimalValue() : null;
        if (!usage.isMissingNode() || cost != null) {
            events.add(new WorkerEvent.Usage(input, usage.path("output_tokens").asLong(), cost));
        }
        for (JsonNode denial : event.path("permission_denials")) {
            WorkerEvent.ToolCall call = new WorkerEvent.ToolCall(denial.path("tool_name").asText("?"),
                    target(denial.path("tool_input")));
            events.add(new WorkerEvent.PermissionDenied(describe(call), "denied in headless mode (not in the allowed tools)"));
        }
        boolean success = event.path("subtype").asText().equals("success") && !event.path("is_error").asBoolean();
        String text = event.path("result").asText("");
        if (text.isEmpty() && !success) {
            text = "Claude Code ended with " + event.path("subtype").asText("an error")
                    + (event.hasNonNull("api_error_status") ? " (API status " + event.get("api_error_status").asText() + ")" : "");
        }
        events.add(new WorkerEvent.TurnEnded(success, text, event.path("num_turns").asInt()));
        return events;
    }

    /** What a tool acted on: its file, command, path or pattern. */
    private String target(JsonNode input) {
        for (String key : List.of("file_path", "notebook_path", "command", "path", "pattern", "url", "description")) {
            String value = input.path(key).asText("");
            if (!value.isBlank()) {
                return key.endsWith("path") ? relative(value) : value;
            }
        }
        return "";
    }

    private String relative(String file) {
        try {
            Path path = Path.of(file);
            return cwd != null && path.startsWith(cwd) ? Path.of(cwd).relativize(path).toString() : file;
        } catch (InvalidPathException e) {
            return file;
        }
    }

    private static String describe(WorkerEvent.ToolCall call) {
        return call.target().isEmpty() ? call.tool() : call.tool() + "(" + call.target() + ")";
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
