package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code codex exec --json} (one JSON event a line: {@code thread.started}, {@code turn.started},
 * {@code item.started}/{@code item.completed} with items {@code agent_message}, {@code command_execution},
 * {@code file_change}, {@code mcp_tool_call}, {@code web_search}, {@code reasoning}, {@code error},
 * then {@code turn.completed} with the thread's running token total, or {@code turn.failed}). Codex reports
 * tokens, never a cost, and no count of model requests: a run is one Codex turn (one message answered), counted
 * as such in {@link WorkerEvent.TurnEnded#turns()}.
 * State kept: the last agent message (the turn's final text), the last error, and the ids of items started but
 * not yet completed (a handful at a time).
 */
final class CodexStream implements AgentStream {
    /** Codex runs every command as {@code /bin/bash -lc "<command>"}; the inner command is what a human reads. */
    private static final Pattern SHELL_WRAPPER = Pattern.compile("^\\S*/?(?:ba|z)?sh -l?c (\"(.*)\"|'(.*)')$",
            Pattern.DOTALL);

    private final CodexUsageLedger ledger;
    private final Set<String> announced = new HashSet<>();
    private String threadId = "";
    private String lastMessage = "";
    private String lastError;
    private boolean ended;

    CodexStream(CodexUsageLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public List<WorkerEvent> line(String line) {
        JsonNode event = JsonEvents.object(line);
        if (event == null) {
            return List.of(new WorkerEvent.Output(line));
        }
        return switch (event.path("type").asText()) {
            case "thread.started" -> {
                threadId = event.path("thread_id").asText();
                yield List.of(new WorkerEvent.SessionStarted(threadId));
            }
            case "turn.started" -> List.of();
            case "item.started" -> started(event.path("item"));
            case "item.updated" -> List.of();
            case "item.completed" -> completed(event.path("item"));
            case "turn.completed" -> turnCompleted(event.path("usage"));
            case "turn.failed" -> turnFailed(event.path("error").path("message").asText(lastError()));
            case "error" -> {
                lastError = event.path("message").asText();
                yield List.of(new WorkerEvent.Output("codex: " + lastError));
            }
            default -> List.of(new WorkerEvent.Output(line));
        };
    }

    @Override
    public List<WorkerEvent> end(int exitCode) {
        if (ended) {
            return List.of();
        }
        ended = true;
        String why = lastError != null ? lastError : "codex exited with code " + exitCode + " before its turn ended";
        return List.of(new WorkerEvent.TurnEnded(false, why, 0));
    }

    private List<WorkerEvent> started(JsonNode item) {
        List<WorkerEvent> events = toolCalls(item);
        if (!events.isEmpty()) {
            announced.add(item.path("id").asText());
        }
        return events;
    }

    private List<WorkerEvent> completed(JsonNode item) {
        boolean seen = announced.remove(item.path("id").asText());
        List<WorkerEvent> events = new ArrayList<>(seen ? List.of() : toolCalls(item));
        switch (item.path("type").asText()) {
            case "agent_message" -> {
                lastMessage = item.path("text").asText();
                events.add(new WorkerEvent.Message(lastMessage));
            }
            case "file_change" -> {
                if (!"failed".equals(item.path("status").asText())) {
                    item.path("changes").forEach(c -> events.add(new WorkerEvent.FileChanged(c.path("path").asText())));
                }
            }
            case "error" -> events.add(new WorkerEvent.Output("codex: " + item.path("message").asText()));
            default -> {
            }
        }
        return events;
    }

    /** The tool call an item stands for; the item is announced once, when it starts (or completes unseen). */
    private static List<WorkerEvent> toolCalls(JsonNode item) {
        return switch (item.path("type").asText()) {
            case "command_execution" -> List.of(new WorkerEvent.ToolCall("shell", command(item.path("command").asText())));
            case "file_change" -> List.of(new WorkerEvent.ToolCall("apply_patch", paths(item.path("changes"))));
            case "mcp_tool_call" -> List.of(new WorkerEvent.ToolCall(
                    item.path("server").asText() + "." + item.path("tool").asText(), ""));
            case "web_search" -> List.of(new WorkerEvent.ToolCall("web_search", item.path("query").asText()));
            default -> List.of();
        };
    }

    /** Usage is the thread's running total; this run's share is what it added. */
    private List<WorkerEvent> turnCompleted(JsonNode usage) {
        ended = true;
        CodexUsageLedger.Totals added = ledger.add(threadId, new CodexUsageLedger.Totals(
                usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong()));
        return List.of(new WorkerEvent.Usage(added.input(), added.output(), null),
                new WorkerEvent.TurnEnded(true, lastMessage, 1));
    }

    private List<WorkerEvent> turnFailed(String message) {
        ended = true;
        return List.of(new WorkerEvent.TurnEnded(false, message, 1));
    }

    private String lastError() {
        return lastError != null ? lastError : "codex reported a failed turn";
    }

    static String command(String command) {
        Matcher m = SHELL_WRAPPER.matcher(command);
        if (!m.matches()) {
            return command;
        }
        return m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(3);
    }

    private static String paths(JsonNode changes) {
        List<String> paths = new ArrayList<>();
        changes.forEach(c -> paths.add(c.path("path").asText()));
        return String.join(" ", paths);
    }
}
