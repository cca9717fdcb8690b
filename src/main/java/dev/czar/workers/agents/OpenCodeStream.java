package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code opencode run --format json}: one JSON object a line, each with {@code type}, {@code timestamp} and
 * {@code sessionID}; {@code step_start}/{@code step_finish} around each model call (the finish carries that
 * call's tokens and cost in USD), {@code text} parts, {@code tool_use} parts once a tool completed or failed,
 * {@code error}. There is no final event: the turn ends when the process does, so {@link #end} reports it with
 * the run's summed usage. Also reads the line {@code opencode run} prints when it rejects a permission itself.
 */
final class OpenCodeStream implements AgentStream {
    private static final Set<String> WRITING_TOOLS = Set.of("edit", "write", "multiedit");
    private static final Pattern AUTO_REJECTED = Pattern.compile(
            "permission requested: (\\S+) \\((.*)\\); auto-rejecting");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private String sessionId;
    private String lastText = "";
    private String lastError;
    private long input;
    private long output;
    private BigDecimal cost = BigDecimal.ZERO;
    private int steps;

    @Override
    public List<WorkerEvent> line(String line) {
        Matcher rejected = AUTO_REJECTED.matcher(ANSI.matcher(line).replaceAll(""));
        if (rejected.find()) {
            return List.of(new WorkerEvent.PermissionDenied(rejected.group(1), rejected.group(2)));
        }
        JsonNode event = JsonEvents.object(line);
        if (event == null || !event.has("type")) {
            return List.of(new WorkerEvent.Output(line));
        }
        List<WorkerEvent> events = new ArrayList<>();
        if (sessionId == null && event.path("sessionID").isTextual()) {
            sessionId = event.path("sessionID").asText();
            events.add(new WorkerEvent.SessionStarted(sessionId));
        }
        JsonNode part = event.path("part");
        switch (event.path("type").asText()) {
            case "text" -> {
                lastText = part.path("text").asText().trim();
                events.add(new WorkerEvent.Message(lastText));
            }
            case "tool_use" -> events.addAll(tool(part));
            case "step_finish" -> step(part);
            case "error" -> {
                JsonNode error = event.path("error");
                lastError = error.path("data").path("message").asText(error.path("name").asText("opencode error"));
                events.add(new WorkerEvent.Output("opencode: " + lastError));
            }
            case "step_start", "reasoning" -> {
            }
            default -> events.add(new WorkerEvent.Output(line));
        }
        return events;
    }

    /** OpenCode has no final event: its turn ends with the process, successful when it exits 0 without an error. */
    @Override
    public List<WorkerEvent> end(int exitCode) {
        boolean success = exitCode == 0 && lastError == null;
        String text = success ? lastText
                : lastError != null ? lastError : "opencode exited with code " + exitCode;
        WorkerEvent ended = new WorkerEvent.TurnEnded(success, text, steps);
        return steps == 0 ? List.of(ended) : List.of(new WorkerEvent.Usage(input, output, cost), ended);
    }

    private List<WorkerEvent> tool(JsonNode part) {
        String tool = part.path("tool").asText();
        JsonNode state = part.path("state");
        String target = target(state.path("input"));
        List<WorkerEvent> events = new ArrayList<>(List.of(new WorkerEvent.ToolCall(tool, target)));
        String error = state.path("error").asText("");
        if ("error".equals(state.path("status").asText())) {
            events.add(error.contains("rejected permission") || error.contains("specified a rule")
                    ? new WorkerEvent.PermissionDenied(tool, error)
                    : new WorkerEvent.Output("opencode: " + tool + " failed: " + error));
        } else if (WRITING_TOOLS.contains(tool) && !target.isEmpty()) {
            events.add(new WorkerEvent.FileChanged(target));
        }
        return events;
    }

    /** One model call: input counts cache reads and writes too, output counts reasoning, as Codex does. */
    private void step(JsonNode part) {
        steps++;
        JsonNode tokens = part.path("tokens");
        input += tokens.path("input").asLong() + tokens.path("cache").path("read").asLong()
                + tokens.path("cache").path("write").asLong();
        output += tokens.path("output").asLong() + tokens.path("reasoning").asLong();
        if (part.path("cost").isNumber()) {
            cost = cost.add(new BigDecimal(part.path("cost").asText())); // the printed double, not its binary expansion
        }
    }

    private static String target(JsonNode input) {
        for (String key : List.of("filePath", "path", "command", "pattern", "url")) {
            if (input.path(key).isTextual()) {
                return input.path(key).asText();
            }
        }
        return "";
    }
}
