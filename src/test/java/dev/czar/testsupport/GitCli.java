package dev.czar.testsupport;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real git CLI, run in a temp repository with no system or global config, fixed identities and a fixed date, so
 * differential tests compare czar with git's own defaults. Each call returns stdout; a non-zero exit fails the test.
 */
public final class GitCli {
    private final Path dir;

    public GitCli(Path dir) {
        this.dir = dir;
    }

    /** {@code git init -b main} in {@code dir} (created if missing). */
    public static GitCli init(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitCli git = new GitCli(dir);
        git.run("init", "-q", "-b", "main");
        return git;
    }

    /** The repository at {@code dir} opened through JGit, as czar's parts borrow it; the caller closes it. */
    public static Repository repository(Path dir) {
        try {
            return new FileRepositoryBuilder().findGitDir(dir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public String run(String... args) {
        return exec(null, args).stdout();
    }

    /** Runs with {@code stdin} fed to git (e.g. {@code update-ref --stdin}). */
    public String runWithInput(String stdin, String... args) {
        return exec(stdin, args).stdout();
    }

    /** stdout and stderr (where git prints warnings such as the rename-limit one). */
    public record Output(String stdout, String stderr) {
    }

    public Output exec(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("HOME", dir.toString());
        env.put("LC_ALL", "C");
        env.put("GIT_AUTHOR_NAME", "Alice Example");
        env.put("GIT_AUTHOR_EMAIL", "alice@example.com");
        env.put("GIT_COMMITTER_NAME", "Alice Example");
        env.put("GIT_COMMITTER_EMAIL", "alice@example.com");
        env.put("GIT_AUTHOR_DATE", "2026-11-02T09:00:00Z");
        env.put("GIT_COMMITTER_DATE", "2026-11-02T09:00:00Z");
        try {
            Path out = Files.createTempFile("git-out", ".txt");
            Path err = Files.createTempFile("git-err", ".txt");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (stdin != null) {
                    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                process.getOutputStream().close();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("git " + args[0] + " timed out");
                }
                String stdout = Files.readString(out);
                String stderr = Files.readString(err);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + stderr);
                }
                return new Output(stdout, stderr);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file (creating directories) relative to the repository. */
    public GitCli write(String path, String content) {
        return write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public GitCli write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code git add -A && git commit}: returns the new commit's sha. */
    public String commitAll(String message) {
        run("add", "-A");
        run("commit", "-q", "--allow-empty", "-m", message);
        return run("rev-parse", "HEAD").strip();
    }
}
