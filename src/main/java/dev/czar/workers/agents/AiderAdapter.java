package dev.czar.workers.agents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Aider ({@code aider-chat} on PyPI), one message per run: {@code aider --message=<task> --yes-always --no-pretty
 * --no-stream …}. Aider has no session id and no structured output: its "session" is the chat history file, kept in
 * the workstream's config dir rather than the repository, and a later message continues it with
 * {@code --restore-chat-history}. Aider commits its own edits (its default auto-commits); it never runs shell
 * commands here ({@code --no-suggest-shell-commands}: with {@code --yes-always} every suggested command would run).
 */
public final class AiderAdapter implements AgentAdapter {
    /** What {@link AiderStream} reports as the session: the chat history is the only thing a resume continues. */
    static final String SESSION = "aider-chat-history";

    @Override
    public String name() {
        return "aider";
    }

    @Override
    public String defaultExecutable() {
        return "aider";
    }

    @Override
    public String installHint() {
        return "python -m pip install aider-install && aider-install (or: pipx install aider-chat)";
    }

    @Override
    public List<String> start(AgentRun run, String taskText) {
        return command(run, taskText, "--no-restore-chat-history");
    }

    @Override
    public Optional<List<String>> resume(AgentRun run, String sessionId, String message) {
        return Optional.of(command(run, message, "--restore-chat-history"));
    }

    private static List<String> command(AgentRun run, String message, String history) {
        Path dir = run.configDir().resolve("aider");
        List<String> command = new ArrayList<>(List.of(run.executable()));
        command.addAll(run.extraArgs());
        command.addAll(List.of(
                // "=" keeps a message that starts with a dash from being read as an option
                "--message=" + message,
                "--yes-always", "--no-pretty", "--no-stream", "--no-fancy-input",
                "--no-suggest-shell-commands", "--no-detect-urls",
                "--no-gitignore", "--no-check-update", "--no-show-release-notes", "--analytics-disable",
                "--chat-history-file", dir.resolve("chat.history.md").toString(),
                "--input-history-file", dir.resolve("input.history").toString(),
                history));
        return command;
    }

    @Override
    public AgentStream stream() {
        return new AiderStream();
    }
}
