package dev.czar.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code czar serve --http 0} replica as a real process (a JVM on this test's classpath, as {@code czar supervise}
 * runs in the standby tests): its output goes to a log file, its Slack endpoint is read from its start-up line, and it
 * can be killed as a crash would (SIGKILL). {@link #close} ends it and every process it started.
 */
public final class ServeReplica implements AutoCloseable {
    private static final Pattern SLACK_PORT = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/slack/events");

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<ProcessHandle> family = new ArrayList<>();

    private ServeReplica(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread copier = new Thread(this::copyOutput, "replica-" + name + "-output");
        copier.setDaemon(true);
        copier.start();
    }

    /**
     * Starts {@code czar serve --http 0} for {@code repo} with its own {@code home}; {@code env} adds tokens, the
     * store's credentials and overrides (CZAR_ and SLACK_ variables of this JVM are not passed on).
     */
    public static ServeReplica start(String name, Path repo, Path home, Path config, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small heap and the quick JIT: two replicas, the test JVM and PostgreSQL share a CI runner
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.czar.Czar", "serve", "--http", "0", "--bind", "127.0.0.1",
                "--repo", repo.toString(), "--home", home.toString(), "--config", config.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("CZAR_") || k.startsWith("SLACK_"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(home);
            return new ServeReplica(name, builder.start(), home.resolve(name + "-output.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                Matcher m = SLACK_PORT.matcher(line);
                if (m.find()) {
                    port.complete(Integer.valueOf(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; its output so far is in the log
        } finally {
            port.completeExceptionally(new IllegalStateException(name + " ended before serving Slack"));
        }
    }

    /** Waits for the Slack endpoint; fails with the replica's output if it does not come up. */
    public URI awaitSlackEndpoint(long seconds) {
        try {
            return URI.create("http://127.0.0.1:" + port.get(seconds, TimeUnit.SECONDS) + "/slack/events");
        } catch (Exception e) {
            throw new AssertionError("replica " + name + " did not serve Slack within " + seconds + " s:\n" + output(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crashed host or the OOM killer would: no shutdown hook runs, its lease and workers stay behind. */
    public void kill() throws InterruptedException {
        family.addAll(process.descendants().toList());
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        family.addAll(process.descendants().toList());
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        family.forEach(ProcessHandle::destroyForcibly);
    }
}
