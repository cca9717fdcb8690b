package dev.czar.workers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Ending a worker ends every process it started, including those that left its process group: agents such as
 * Codex start each command (and its sandbox) in a session of its own, where a signal to the worker's group does
 * not reach.
 */
class ProcessGroupsTest {
    /** Unique sleep durations, so the processes of this test are found among everything else on the machine. */
    private final int marker = 7000 + ThreadLocalRandom.current().nextInt(2000);
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void tearDown() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
        withArgv("sleep " + marker).forEach(ProcessHandle::destroyForcibly);
        withArgv("sleep " + (marker + 1)).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void should_end_a_child_in_a_session_of_its_own_that_ignores_term() throws Exception {
        // given a worker whose child left its session and ignores TERM
        Process leader = start("setsid bash -c 'trap \"\" TERM; sleep " + marker + " & wait' & wait");
        ProcessHandle child = await("sleep " + marker);
        assertThat(session(child)).isNotEqualTo(session(leader.toHandle()));

        // when
        ProcessGroups.end(leader.toHandle());

        // then
        assertThat(leader.isAlive()).isFalse();
        assertGone("sleep " + marker);
    }

    @Test
    void should_end_what_a_child_outside_the_group_starts_when_it_is_asked_to_stop() throws Exception {
        // given a worker whose child (in a session of its own) starts another process when it gets TERM
        Process leader = start("setsid bash -c 'trap \"sleep " + (marker + 1) + " &\" TERM; sleep " + marker
                + " & while true; do wait; done' & wait");
        await("sleep " + marker);

        // when
        ProcessGroups.end(leader.toHandle());

        // then the process started during the grace period is gone too
        assertThat(leader.isAlive()).isFalse();
        assertGone("sleep " + marker);
        assertGone("sleep " + (marker + 1));
    }

    private Process start(String script) throws IOException {
        List<String> command = new ArrayList<>(ProcessGroups.prefix());
        command.addAll(List.of("bash", "-c", script));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    private static ProcessHandle await(String argv) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> found = withArgv(argv);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        return fail("no process '%s' started", argv);
    }

    private static void assertGone(String argv) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L; // an orphan ended by KILL is reaped by init meanwhile
        while (System.nanoTime() < deadline && !withArgv(argv).isEmpty()) {
            Thread.sleep(20);
        }
        assertThat(withArgv(argv)).as("processes '%s' still running", argv).isEmpty();
    }

    private static List<ProcessHandle> withArgv(String argv) {
        return ProcessHandle.allProcesses().filter(ProcessGroups::running).filter(p -> argv(p).equals(argv)).toList();
    }

    private static String argv(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static long session(ProcessHandle p) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
