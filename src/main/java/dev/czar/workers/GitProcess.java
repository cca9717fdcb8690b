package dev.czar.workers;

import dev.czar.agent.Redactor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} executable run on the supervised repository for what talks to a remote (fetch, push), so the
 * user's own transport and credentials apply: SSH agent, credential helper, {@code insteadOf} rewrites. It never
 * waits for a password on a terminal, and its messages are redacted before anyone sees them.
 */
public final class GitProcess {
    /** A fetch or push that takes longer than this is given up (a dead network must not hold czar). */
    static final long TIMEOUT_SECONDS = 120;

    private GitProcess() {
    }

    /**
     * Runs {@code git -C repo args…} and returns its output.
     *
     * @throws GitFailure with git's own message, redacted, when it fails, times out or cannot start
     */
    public static String run(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0"); // never wait for a password on a terminal
        try {
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GitFailure("git " + args[0] + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new GitFailure("git " + args[0] + " failed: " + Redactor.INSTANCE.redact(out.strip()));
            }
            return out;
        } catch (IOException e) {
            throw new GitFailure("cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitFailure("interrupted while running git");
        }
    }

    /** git refused or could not run; the message is redacted and fit for an answer. */
    public static final class GitFailure extends RuntimeException {
        public GitFailure(String message) {
            super(message, null, false, false);
        }
    }
}
