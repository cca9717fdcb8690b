package dev.czar.workers.agents;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Aider's plain text ({@code --no-pretty}): its banner ("Aider v…"), the reply, "Applied edit to FILE",
 * "Commit abc1234 …" and after each model call "Tokens: 1.2k sent, 345 received. Cost: $0.01 message, $0.05
 * session." (no cost part for models Aider has no price for). The turn ends with the process; its final text is the
 * last reply, i.e. the lines before the last Tokens line that are not Aider's own status lines (bounded).
 */
final class AiderStream implements AgentStream {
    private static final int MAX_REPLY = 16_000;
    private static final Pattern TOKENS = Pattern.compile("^Tokens: ([0-9.]+[kM]?) sent"
            + "(?:, ([0-9.]+[kM]?) cache write)?(?:, ([0-9.]+[kM]?) cache hit)?, ([0-9.]+[kM]?) received\\."
            + "(?: Cost: \\$([0-9.]+) message, \\$([0-9.]+) session\\.)?");
    private static final Pattern APPLIED = Pattern.compile("^Applied edit to (.+)$");
    private static final Pattern STATUS = Pattern.compile("^(Aider v|Main model:|Weak model:|Editor model:|Model:|"
            + "Git repo:|Repo-map:|Added .* to the chat|Use /help|https://aider\\.chat|Restored previous conversation|"
            + "Commit [0-9a-f]{7,} |Cost estimates may be|Warning:|Can't initialize prompt toolkit|"
            + "Did not apply edit|You can skip this check)");
    private static final Pattern API_ERROR = Pattern.compile("^litellm\\.\\w+(Error|Exception)\\b.*");

    private final StringBuilder reply = new StringBuilder();
    private String lastReply = "";
    private String lastError;
    private boolean started;
    private long sent;
    private long received;
    private BigDecimal cost;
    private int calls;

    @Override
    public List<WorkerEvent> line(String line) {
        List<WorkerEvent> events = new ArrayList<>();
        if (!started && line.startsWith("Aider v")) {
            started = true;
            events.add(new WorkerEvent.SessionStarted(AiderAdapter.SESSION));
        }
        Matcher tokens = TOKENS.matcher(line);
        Matcher applied = APPLIED.matcher(line);
        if (tokens.find()) {
            usage(tokens);
            lastReply = reply.toString().trim();
            reply.setLength(0);
            if (!lastReply.isEmpty()) {
                events.add(new WorkerEvent.Message(lastReply));
            }
        } else if (applied.matches()) {
            String file = applied.group(1).trim();
            events.add(new WorkerEvent.ToolCall("edit", file));
            events.add(new WorkerEvent.FileChanged(file));
        } else if (API_ERROR.matcher(line).matches()) {
            lastError = line;
            events.add(new WorkerEvent.Output(line));
        } else if (STATUS.matcher(line).find()) {
            events.add(new WorkerEvent.Output(line));
        } else if (started && reply.length() + line.length() < MAX_REPLY) {
            reply.append(line).append('\n');
        } else if (!started) {
            events.add(new WorkerEvent.Output(line));
        }
        return events;
    }

    @Override
    public List<WorkerEvent> end(int exitCode) {
        List<WorkerEvent> events = new ArrayList<>();
        String pending = reply.toString().trim();
        if (!pending.isEmpty()) {
            lastReply = pending;
            events.add(new WorkerEvent.Message(pending));
        }
        if (calls > 0) {
            events.add(new WorkerEvent.Usage(sent, received, cost));
        }
        boolean success = exitCode == 0 && lastError == null;
        String text = success ? lastReply : lastError != null ? lastError : "aider exited with code " + exitCode;
        events.add(new WorkerEvent.TurnEnded(success, text, calls));
        return events;
    }

    private void usage(Matcher tokens) {
        calls++;
        sent += count(tokens.group(1)) + count(tokens.group(2)) + count(tokens.group(3));
        received += count(tokens.group(4));
        if (tokens.group(5) != null) {
            cost = (cost == null ? BigDecimal.ZERO : cost).add(new BigDecimal(tokens.group(5)));
        }
    }

    /** Aider's short counts: "345", "1.2k", "12k", "1.5M". */
    static long count(String text) {
        if (text == null) {
            return 0;
        }
        char unit = text.charAt(text.length() - 1);
        double scale = unit == 'k' ? 1_000 : unit == 'M' ? 1_000_000 : 1;
        String number = scale == 1 ? text : text.substring(0, text.length() - 1);
        return Math.round(Double.parseDouble(number) * scale);
    }
}
