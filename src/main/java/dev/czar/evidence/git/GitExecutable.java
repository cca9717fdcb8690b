package dev.czar.evidence.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} executable, run as a child process: czar's one way of running git. Used where JGit cannot do the
 * work ({@code git worktree}) and where it does it differently from git ({@code git diff --numstat}: git's xdiff
 * pairs lines differently from JGit's Myers on some files, so only git itself counts lines exactly as git does).
 * Output is read in the C locale, so git's warnings can be read back.
 */
public final class GitExecutable {
    /** {@code git.executable}: {@code git} on the PATH when there is one. */
    public static final String AUTO = "auto";
    /** {@code git.executable}: never run git; JGit answers everything (line counts can differ from git's). */
    public static final String NONE = "none";
    private static final long TIMEOUT_MINUTES = 10;

    private final String program;

    private GitExecutable(String program) {
        this.program = program;
    }

    /** What one git run printed. */
    public record Output(int exit, byte[] stdout, String stderr) {
        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** {@code git} on the PATH, if there is one. */
    public static Optional<GitExecutable> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "git"))) {
                return Optional.of(new GitExecutable(Path.of(dir, "git").toString()));
            }
        }
        return Optional.empty();
    }

    /**
     * The executable {@code git.executable} names: {@value #AUTO} (PATH), {@value #NONE}, or a path.
     *
     * @throws GitEvidenceException when a path is set that is not an executable file
     */
    public static Optional<GitExecutable> of(String setting) {
        if (setting == null || setting.isBlank() || AUTO.equals(setting)) {
            return onPath();
        }
        if (NONE.equals(setting)) {
            return Optional.empty();
        }
        if (!Files.isExecutable(Path.of(setting)) || Files.isDirectory(Path.of(setting))) {
            throw new GitEvidenceException("git.executable '" + setting + "' is not an executable file"
                    + " (set it to auto, none or the path of git)");
        }
        return Optional.of(new GitExecutable(setting));
    }

    /** Runs {@code git -C dir args…} and returns stdout; a non-zero exit throws with git's own message. */
    public String run(Path dir, String... args) {
        Output out = exec(dir, null, args);
        if (out.exit() != 0) {
            String message = (out.stderr().isBlank() ? out.text() : out.stderr()).strip();
            throw new GitEvidenceException("git " + args[0] + " failed: " + message.lines().findFirst().orElse("exit " + out.exit()));
        }
        return out.text();
    }

    /**
     * Runs {@code git -C dir args…} with {@code stdin} (or nothing) as its input; stdout and stderr are read
     * concurrently, so neither can fill up and stall git.
     */
    public Output exec(Path dir, byte[] stdin, String... args) {
        return exec(dir, stdin, Duration.ofMinutes(TIMEOUT_MINUTES), args);
    }

    /** As {@link #exec(Path, byte[], String...)}, given up after {@code timeout} (a fetch over a dead network). */
    public Output exec(Path dir, byte[] stdin, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(program, "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        // set by a hook czar may run under; they would point git at another repository than dir
        builder.environment().keySet().removeAll(List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"));
        try {
            Process p = builder.start();
            Drain out = new Drain(p.getInputStream());
            Drain err = new Drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new GitEvidenceException("git " + args[0] + " timed out after " + timeout.toSeconds() + " s");
            }
            return new Output(p.exitValue(), out.bytes(), new String(err.bytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GitEvidenceException("cannot run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitEvidenceException("interrupted while running git " + args[0], e);
        }
    }

    /** Reads one stream of the child to its end on its own thread. */
    private static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile IOException failure;

        Drain(InputStream stream) {
            thread = new Thread(() -> {
                try (stream) {
                    stream.transferTo(buffer);
                } catch (IOException e) {
                    failure = e;
                }
            }, "git-output");
            thread.setDaemon(true);
            thread.start();
        }

        byte[] bytes() throws InterruptedException {
            thread.join();
            if (failure != null) {
                throw new UncheckedIOException(failure);
            }
            return buffer.toByteArray();
        }
    }
}
