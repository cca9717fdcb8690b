package dev.czar.mcp;

import dev.czar.workers.DoneGate;
import dev.czar.workers.WorkerChannel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each tool of {@code czar mcp} does for the one workstream the server is bound to, as a JSON-ready map: the
 * answer the agent reads. Inputs arrive checked and redacted ({@link CzarMcpServer}).
 */
final class McpTools {
    private final WorkerChannel channel;
    private final String self;
    private final Duration askWait;

    McpTools(WorkerChannel channel, String self, Duration askWait) {
        this.channel = channel;
        this.self = self;
        this.askWait = askWait;
    }

    Map<String, Object> fleetStatus() {
        List<WorkerChannel.Peer> peers = channel.fleet(self);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("you", self);
        out.put("others", peers);
        out.put("close_to_you", peers.stream().filter(p -> p.close() != null).map(WorkerChannel.Peer::name).toList());
        out.put("advice", peers.stream().anyMatch(p -> p.close() != null)
                ? "Some workstreams look like the same work: read their tasks and files before you go on, and ask_human"
                + " if yours overlaps. czar records that you saw them."
                : "No other live workstream looks like yours.");
        return out;
    }

    Map<String, Object> reportProgress(String done, String next, String blockedOn) {
        channel.progress(self, done, next, blockedOn);
        return Map.of("recorded", true, "shown_in", "czar workers " + self + " (history) and the dashboard");
    }

    Map<String, Object> askHuman(String question, List<String> options) {
        String asked = options.isEmpty() ? question : question + " (options: " + String.join(" | ", options) + ")";
        Optional<String> answer = channel.ask(self, asked, askWait);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answered", answer.isPresent());
        if (answer.isPresent()) {
            out.put("answer", answer.get());
        } else {
            out.put("instruction", "No answer within " + askWait.toSeconds() + "s. End your turn now without claiming"
                    + " done; czar resumes this session with the answer when a human gives it.");
        }
        return out;
    }

    Map<String, Object> claimDone(String summary) {
        DoneGate.Report report = channel.claimDone(self, summary);
        Map<String, Object> out = new LinkedHashMap<>();
        String verdict = report.refused() ? "FAIL" : report.awaitingMerge() ? "PASS_AWAITING_MERGE" : "PASS";
        out.put("verdict", verdict);
        out.put("head", report.headSha());
        out.put("items", report.items().stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>(); // item, status, evidence: in the order people read them
            item.put("item", i.item());
            item.put("status", i.status().name());
            item.put("evidence", i.evidence());
            return item;
        }).toList());
        out.put("fix_rounds", channel.fixRounds(self));
        out.put("next", report.refused()
                ? "Fix the FAIL items in this session, commit, and call claim_done again."
                : "The gate passed: end your turn with a one-line summary; czar moves the work on"
                + (report.awaitingMerge() ? " (it waits for a merge)." : "."));
        return out;
    }
}
