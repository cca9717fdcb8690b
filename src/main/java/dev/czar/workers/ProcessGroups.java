package dev.czar.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts workers as leaders of their own process group (via {@code setsid} where it exists) and ends whole groups,
 * so an agent's children (test runners, shells, servers) never outlive it.
 */
final class ProcessGroups {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessGroups.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private ProcessGroups() {
    }

    /** The command prefix that puts a process into a new session and group, or nothing when unavailable. */
    static List<String> prefix() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return List.of(candidate);
            }
        }
        return List.of();
    }

    /** The process {@code pid} if it is still the one that started at {@code startedAt}, not a reused pid. */
    static Optional<ProcessHandle> find(long pid, Instant startedAt) {
        return ProcessHandle.of(pid).filter(ProcessGroups::running).filter(p -> p.info().startInstant()
                .map(s -> startedAt == null || Duration.between(s, startedAt).abs().compareTo(Duration.ofSeconds(2)) <= 0)
                .orElse(true));
    }

    /**
     * TERM to the group, KILL after a grace period, and both to every descendant, also those in sessions of their
     * own (Codex starts each command, and its bwrap sandbox, with {@code setsid}; a signal to the worker's group
     * misses them). The family is listed while stopped, so none forks unseen, and listed again before KILL: a
     * process that starts children on TERM (a shell's trap) would otherwise leave them behind.
     */
    static void end(ProcessHandle leader) {
        List<ProcessHandle> family = freeze(leader);
        signalGroup(leader.pid(), "TERM");
        family.forEach(ProcessHandle::destroy);
        signal(leader, family, "CONT"); // stopped (by freeze, or a paused worker) it only acts on TERM once continued
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < deadline && family.stream().anyMatch(ProcessGroups::running)) {
            sleep(50);
        }
        addDescendants(family);
        signalGroup(leader.pid(), "KILL");
        family.stream().filter(ProcessGroups::running).forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() < killDeadline && family.stream().anyMatch(ProcessGroups::running)) {
            sleep(20);
        }
        family.stream().filter(ProcessGroups::running).forEach(p -> LOG.warn("process {} did not end after KILL", p.pid()));
    }

    /**
     * The leader and all its descendants, each stopped (SIGSTOP) as found, listed again until no new one appears:
     * a stopped process cannot start another, and a child whose parent ends is reparented out of reach.
     */
    private static List<ProcessHandle> freeze(ProcessHandle leader) {
        List<ProcessHandle> family = new ArrayList<>(List.of(leader));
        signal(leader, family, "STOP");
        for (int round = 0; round < 10; round++) {
            List<ProcessHandle> found = addDescendants(family);
            if (found.isEmpty()) {
                break;
            }
            signal(leader, found, "STOP");
        }
        return family;
    }

    /** Adds the descendants of every living member not yet in {@code family}; returns those added. */
    private static List<ProcessHandle> addDescendants(List<ProcessHandle> family) {
        List<ProcessHandle> found = new ArrayList<>();
        for (ProcessHandle member : List.copyOf(family)) {
            if (ProcessGroups.running(member)) {
                member.descendants().filter(d -> !family.contains(d) && !found.contains(d)).forEach(found::add);
            }
        }
        family.addAll(found);
        return found;
    }

    /** Sends {@code signal} (e.g. STOP, CONT) to the worker's whole group and to every descendant that left it. */
    static void signal(ProcessHandle leader, String signal) {
        List<ProcessHandle> family = new ArrayList<>(leader.descendants().toList());
        family.add(leader);
        signal(leader, family, signal);
    }

    private static void signal(ProcessHandle leader, List<ProcessHandle> family, String signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, "--"));
        if (!prefix().isEmpty()) {
            command.add("-" + leader.pid());
        }
        family.stream().filter(ProcessGroups::running).forEach(p -> command.add(Long.toString(p.pid())));
        run(command);
    }

    /**
     * Alive and not a zombie. An orphaned worker whose supervisor died is reparented to pid 1, which in a
     * container may never reap it; once ended it must not count as running.
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        try {
            String text = Files.readString(stat);
            int afterName = text.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= text.length() || text.charAt(afterName + 2) != 'Z';
        } catch (java.io.IOException e) {
            return p.isAlive(); // no /proc (not Linux) or it just ended
        }
    }

    private static void signalGroup(long pgid, String signal) {
        if (prefix().isEmpty()) {
            return; // no setsid, so no group of our own to signal; descendants are ended one by one
        }
        run(List.of("kill", "-" + signal, "--", "-" + pgid));
    }

    private static void run(List<String> kill) {
        try {
            Process p = new ProcessBuilder(kill)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("{} failed: {}", kill, e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
