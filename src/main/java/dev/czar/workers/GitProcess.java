package dev.czar.workers;

import dev.czar.agent.Redactor;
import dev.czar.evidence.git.GitEvidenceException;
import dev.czar.evidence.git.GitExecutable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code git} executable run on the supervised repository for what talks to a remote (fetch, push), so the
 * user's own transport and credentials apply: SSH agent, credential helper, {@code insteadOf} rewrites. It never
 * waits for a password on a terminal ({@link GitExecutable} sets that), and its messages are redacted before anyone
 * sees them.
 */
public final class GitProcess {
    /** A fetch or push that takes longer than this is given up (a dead network must not hold czar). */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private GitProcess() {
    }

    /** Whether there is a {@code git} executable to talk to remotes with. */
    static boolean available() {
        return GitExecutable.onPath().isPresent();
    }

    /**
     * Runs {@code git -C repo args…} and returns what it printed (stdout, then stderr).
     *
     * @throws GitFailure with git's own message, redacted, when it fails, times out or cannot start
     */
    public static String run(Path repo, String... args) {
        GitExecutable git = GitExecutable.onPath().orElseThrow(() -> new GitFailure("cannot run git: not on the PATH"));
        try {
            GitExecutable.Output out = git.exec(repo, null, TIMEOUT, args);
            String printed = (out.text() + out.stderr()).strip();
            if (out.exit() != 0) {
                throw new GitFailure("git " + args[0] + " failed: " + Redactor.INSTANCE.redact(printed));
            }
            return printed;
        } catch (GitEvidenceException e) {
            throw new GitFailure(Redactor.INSTANCE.redact(e.getMessage()));
        }
    }

    /** git refused or could not run; the message is redacted and fit for an answer. */
    public static final class GitFailure extends RuntimeException {
        public GitFailure(String message) {
            super(message, null, false, false);
        }
    }
}
