package dev.czar.workers.agents;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the real {@code codex} binary installed by {@code .ci/install-agents} the way a supervisor does: the
 * adapter's command line and environment, the working copy as current directory, stdin from /dev/null, stdout read
 * line by line through the adapter's stream. Its environment is the test's own minus anything that could reach a
 * real provider or the developer's config (HOME is a temp dir), with every proxy variable pointing at
 * {@code egressTrap} so a connection to anything but loopback is seen (and refused).
 */
final class CodexCliRunner {
    private static final long TIMEOUT_SECONDS = 90;

    /** A process of the agent's tree as it was when the run was killed. */
    record Killed(ProcessHandle process, String command) {
    }

    /** What one run printed and how it ended; {@code killed} is the process tree when it was killed (else empty). */
    record Result(int exitCode, List<String> lines, List<WorkerEvent> events, String stderr, List<Killed> killed) {
        String sessionId() {
            return events.stream().filter(WorkerEvent.SessionStarted.class::isInstance)
                    .map(e -> ((WorkerEvent.SessionStarted) e).sessionId()).findFirst().orElseThrow();
        }

        WorkerEvent.TurnEnded turnEnded() {
            return events.stream().filter(WorkerEvent.TurnEnded.class::isInstance)
                    .map(WorkerEvent.TurnEnded.class::cast).reduce((a, b) -> b).orElseThrow();
        }
    }

    private CodexCliRunner() {
    }

    /**
     * The installed codex executable; without it the test is skipped, naming the missing CLI and how to install it
     * — except in CI ({@code CI=true}), where the tests must run.
     */
    static Path executable() {
        String bin = System.getProperty("czar.test.agents.bin", "target/test-agents/node_modules/.bin");
        Path codex = Path.of(bin).resolve("codex").toAbsolutePath();
        if (!Files.isExecutable(codex)) {
            String why = "codex is not installed at " + codex + ": run .ci/install-agents";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (CI=true: the real-agent tests must run)");
            }
            Assumptions.abort(why);
        }
        return codex;
    }

    /** With {@code CZAR_TEST_CODEX_TRANSCRIPT} set, prints what ran, what it printed and what czar read. */
    private static void transcript(List<String> command, AgentRun run, int exit, List<String> lines,
                                   List<WorkerEvent> events) {
        if (System.getenv("CZAR_TEST_CODEX_TRANSCRIPT") == null) {
            return;
        }
        List<String> shown = new ArrayList<>(command);
        shown.set(0, "codex");
        System.out.println("$ " + String.join(" ", shown.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a)
                .toList()) + "   # exit " + exit);
        lines.forEach(System.out::println);
        System.out.println("# czar read:");
        events.forEach(e -> System.out.println("  " + e));
    }

    static Result run(AgentAdapter adapter, AgentRun run, List<String> command, Path home, String proxy)
            throws IOException, InterruptedException {
        return run(adapter, run, command, home, proxy, event -> false, "");
    }

    /** Waits (up to 10 s) until the agent's tree runs a program whose path ends with {@code suffix}. */
    private static void awaitInTree(Process process, String suffix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.descendants()
                .noneMatch(p -> p.info().command().orElse("").endsWith(suffix))) {
            Thread.sleep(50);
        }
    }

    /** As a supervisor's kill does: the whole tree, leaves first found while the agent still holds them. */
    static List<Killed> killTree(Process process) {
        List<Killed> tree = new ArrayList<>();
        process.descendants().forEach(p -> tree.add(new Killed(p, p.info().command().orElse("?"))));
        tree.add(new Killed(process.toHandle(), process.info().command().orElse("?")));
        tree.forEach(k -> k.process().destroyForcibly());
        return tree;
    }

    /**
     * Runs the command; after the first event matching {@code killWhen}, once the agent's tree runs
     * {@code killOnceRunning} (the command starts a moment after Codex announces it), the whole tree is killed.
     */
    static Result run(AgentAdapter adapter, AgentRun run, List<String> command, Path home, String proxy,
                      Predicate<WorkerEvent> killWhen, String killOnceRunning)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(run.workingCopy().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(home.resolve("stderr.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("CODEX_") || k.startsWith("GIT_")
                || k.toLowerCase().endsWith("_proxy"));
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        for (String key : List.of("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy")) {
            env.put(key, proxy);
        }
        env.put("NO_PROXY", "127.0.0.1,localhost");
        env.put("no_proxy", "127.0.0.1,localhost");
        env.putAll(run.env());
        env.putAll(adapter.env(run));
        if (System.getenv("CZAR_TEST_CODEX_TRANSCRIPT") != null) {
            System.out.println("# CODEX_HOME/config.toml\n" + Files.readString(
                    Path.of(adapter.env(run).get("CODEX_HOME")).resolve("config.toml")).replace(run.workingCopy()
                    .toString(), "<working copy>"));
        }
        Process process = builder.start();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (process.isAlive()) { // a silent, hung agent would otherwise block the read below forever
                timedOut.set(true);
                killTree(process);
            }
        });
        AgentStream stream = adapter.stream();
        List<String> lines = new ArrayList<>();
        List<WorkerEvent> events = new ArrayList<>();
        List<Killed> killed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                List<WorkerEvent> read = stream.line(line);
                events.addAll(read);
                if (killed.isEmpty() && read.stream().anyMatch(killWhen)) {
                    awaitInTree(process, killOnceRunning);
                    killed.addAll(killTree(process));
                }
            }
            process.waitFor();
        } finally {
            killTree(process);
        }
        if (timedOut.get()) {
            fail("codex did not exit within " + TIMEOUT_SECONDS + " s; it printed " + lines);
        }
        events.addAll(stream.end(process.exitValue()));
        transcript(command, run, process.exitValue(), lines, events);
        return new Result(process.exitValue(), lines, events, Files.readString(home.resolve("stderr.log")), killed);
    }
}
