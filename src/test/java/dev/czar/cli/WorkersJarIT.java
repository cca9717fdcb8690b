package dev.czar.cli;

import dev.czar.testsupport.CzarProcess;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** kill -9 of a real {@code czar supervise} mid-run, and a clean stop, with the packaged jar. */
class WorkersJarIT {
    @TempDir
    Path tmp;
    private Path repo;
    private Path config;
    private final List<Process> supervisors = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("README.md", "demo\n"));
        }
        config = Files.writeString(tmp.resolve("czar.yaml"), Files.readString(Path.of("src/test/resources/fixtures/workers/czar-workers.yaml"))
                .replace("AGENT", Path.of("examples/agents/scripted-agent.sh").toAbsolutePath().toString()));
    }

    @AfterEach
    void stopEverything() {
        for (Process p : supervisors) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        ProcessHandle.allProcesses().filter(this::isScriptedAgentHere).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void should_mark_lost_end_the_orphan_and_requeue_once_after_kill_9_of_czar() throws Exception {
        // given a supervisor running a worker that never ends
        Process first = supervise();
        czar("launch", "sleeper", "--task", "Implement the long migration\nagent-mode: hang");
        ProcessHandle orphan = awaitAgent(first);
        awaitOutput(() -> czar("workers", "sleeper").out(), "worker process " + orphan.pid() + " started");

        // when czar is killed with SIGKILL, the worker survives in its own process group
        first.destroyForcibly().waitFor();
        assertThat(running(orphan)).isTrue();
        Process second = supervise();
        ProcessHandle replacement = awaitAgent(second);

        // then
        assertThat(running(orphan)).isFalse();
        assertThat(replacement.pid()).isNotEqualTo(orphan.pid());
        assertThat(runningAgentsOnceSettled()).isEqualTo(1);
        String history = czar("workers", "sleeper").out();
        assertThat(history).contains("RUNNING -> LOST").contains("its left-over process " + orphan.pid() + " was ended")
                .contains("LOST -> QUEUED").contains("attempt 2 started");

        // and a clean stop (SIGTERM) ends the worker's group and re-queues it
        second.destroy();
        second.waitFor();
        assertThat(running(replacement)).isFalse();
        assertThat(czar("workers", "sleeper").out()).contains("sleeper: QUEUED")
                .contains("czar stopped; worker ended, it starts again with the next supervisor");
    }

    private Process supervise() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("czar.jar"), "supervise", "--repo", repo.toString(), "--home", tmp.resolve("home").toString(),
                "--config", config.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("supervise-" + supervisors.size() + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CZAR_"));
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + System.getProperty("user.home"));
        Process p = builder.start();
        supervisors.add(p);
        return p;
    }

    private CzarProcess czar(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", repo.toString(), "--home", tmp.resolve("home").toString(), "--config", config.toString()));
        return CzarProcess.run(tmp, "", Map.of(), all.toArray(String[]::new));
    }

    private interface Check {
        String read() throws Exception;
    }

    private static void awaitOutput(Check check, String expected) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L; // a loaded 2-core machine needs the slack
        String last = "";
        while (System.nanoTime() < deadline) {
            last = check.read();
            if (last.contains(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("never saw '%s'; last output:%n%s", expected, last);
    }

    private ProcessHandle awaitAgent(Process supervisor) {
        Predicate<ProcessHandle> agent = this::isScriptedAgentHere;
        long deadline = System.nanoTime() + 120_000_000_000L; // a loaded 2-core machine needs the slack
        while (System.nanoTime() < deadline) {
            var found = supervisor.descendants().filter(agent).filter(WorkersJarIT::running).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fail("no worker process under supervisor " + supervisor.pid());
    }

    /** Alive and not a zombie: an orphan's new parent (pid 1 in a container) may never reap it. */
    /**
     * Running scripted agents of this test, counted again for up to 10 s while more than one: the agent's bash forks
     * short-lived subshells with its own arguments and directory, which a single look may count as a second agent.
     */
    private long runningAgentsOnceSettled() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long count;
        while ((count = ProcessHandle.allProcesses().filter(this::isScriptedAgentHere).filter(WorkersJarIT::running).count()) > 1
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return count;
    }

    private static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return p.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * A scripted agent working in this test's temp dir. Other builds on the same machine run scripted agents too;
     * counting or killing theirs would make both flaky.
     */
    private boolean isScriptedAgentHere(ProcessHandle p) {
        return p.info().arguments().map(a -> String.join(" ", a).contains("scripted-agent.sh")).orElse(false)
                && p.info().command().map(c -> c.endsWith("bash")).orElse(false)
                && cwd(p).map(dir -> dir.startsWith(tmp.toAbsolutePath()) || dir.startsWith(realTmp())).orElse(false);
    }

    private Path realTmp() {
        try {
            return tmp.toRealPath();
        } catch (java.io.IOException e) {
            return tmp.toAbsolutePath();
        }
    }

    private static java.util.Optional<Path> cwd(ProcessHandle p) {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }
}
