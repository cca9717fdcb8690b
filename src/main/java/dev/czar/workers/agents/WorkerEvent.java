package dev.czar.workers.agents;

import java.math.BigDecimal;

/**
 * What a worker did, in czar's own terms. Every agent adapter turns its CLI's output (Claude Code stream-json,
 * Codex exec --json, Gemini stream-json, OpenCode json, Aider text, or plain lines of any program) into these,
 * so the supervisor never reads an agent's raw format.
 */
public sealed interface WorkerEvent {

    /** The agent opened (or continued) a session; its id is what a later turn resumes. */
    record SessionStarted(String sessionId) implements WorkerEvent {
    }

    /** The agent called a tool: {@code tool} as the agent names it ("Edit", "Bash", "shell"), {@code target} the
     * file or command it acted on (may be empty). */
    record ToolCall(String tool, String target) implements WorkerEvent {
    }

    /** A file in the working copy was written by the agent (path relative to the working copy when known). */
    record FileChanged(String path) implements WorkerEvent {
    }

    /**
     * Usage the agent reported for this run, added to what earlier runs reported. {@code costUsd} is null when the
     * agent does not report a cost.
     */
    record Usage(long inputTokens, long outputTokens, BigDecimal costUsd) implements WorkerEvent {
    }

    /** Text the agent addressed to the user during its turn. */
    record Message(String text) implements WorkerEvent {
    }

    /** The agent was refused a tool it asked for (headless agents cannot ask for permission). */
    record PermissionDenied(String tool, String detail) implements WorkerEvent {
    }

    /**
     * The turn ended: {@code success} as the agent reports it, {@code text} its final message (what a question to
     * the user arrives as), {@code turns} the number of model turns when reported (0 otherwise).
     */
    record TurnEnded(boolean success, String text, int turns) implements WorkerEvent {
    }

    /** An output line no structured event stands for (plain-text agents, stderr, unparseable lines). */
    record Output(String line) implements WorkerEvent {
    }

    /** Plain-text workers only: a line matching {@code workers.done-pattern}, the worker's claim of done. */
    record DoneClaim(String line) implements WorkerEvent {
    }

    /**
     * Plain-text workers only: a question to a human, its output ending in a line matching
     * {@code workers.prompt-pattern} (often without a line break); it stands until the worker writes anything else
     * or gets an answer on stdin.
     */
    record Prompt(String question) implements WorkerEvent {
    }
}
