package dev.czar.workers.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.czar.chat.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Codex's own record of a thread: {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl}, one
 * event a line, among them {@code token_count} events carrying the thread's {@code total_token_usage} after each
 * model request. Its last one is the running total a resumed run's {@code turn.completed} starts from: read when
 * czar does not remember the thread (it was restarted), so a resumed run counts only what it added.
 */
final class CodexRollouts {
    private CodexRollouts() {
    }

    /** The thread's last reported token total, or empty when Codex kept no rollout for it (or none readable). */
    static Optional<CodexUsageLedger.Totals> lastTotal(Path codexHome, String threadId) {
        Path sessions = codexHome.resolve("sessions");
        if (!Files.isDirectory(sessions) || threadId.isBlank()) {
            return Optional.empty();
        }
        String suffix = "-" + threadId + ".jsonl";
        try (Stream<Path> files = Files.walk(sessions, 4)) {
            Optional<Path> rollout = files.filter(f -> f.getFileName().toString().startsWith("rollout-")
                    && f.getFileName().toString().endsWith(suffix)).findFirst();
            return rollout.isEmpty() ? Optional.empty() : lastTotal(rollout.get());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Streams the file (it grows with the thread): only the last total is kept. */
    private static Optional<CodexUsageLedger.Totals> lastTotal(Path rollout) throws IOException {
        CodexUsageLedger.Totals last = null;
        try (BufferedReader in = Files.newBufferedReader(rollout, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.contains("\"token_count\"") || !line.contains("\"total_token_usage\"")) {
                    continue; // most lines are messages and tool output: not parsed
                }
                JsonNode total = read(line).path("payload").path("info").path("total_token_usage");
                if (total.isObject()) {
                    last = new CodexUsageLedger.Totals(total.path("input_tokens").asLong(),
                            total.path("output_tokens").asLong());
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static JsonNode read(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }
}
