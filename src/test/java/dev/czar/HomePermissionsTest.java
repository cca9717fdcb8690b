package dev.czar;

import dev.czar.store.HomeDirectory;
import dev.czar.testsupport.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Issue 18, item 1: everything czar writes under its home is owner-only, whatever the umask. */
class HomePermissionsTest {
    private static final String DIR = "rwx------";
    private static final String FILE = "rw-------";

    @TempDir
    Path tmp;

    @Test
    void should_create_the_home_owner_only_under_umask_022() throws Exception {
        // given a repository and a worker that commits and ends
        Path repo = tmp.resolve("repo");
        try (TempGitRepo git = TempGitRepo.init(repo, "main")) {
            git.commit("initial", Map.of("README.md", "demo\n"));
        }
        Path config = Files.writeString(tmp.resolve("czar.yaml"), Files.readString(Path.of("src/test/resources/fixtures/workers/czar-workers.yaml"))
                .replace("AGENT", Path.of("examples/agents/scripted-agent.sh").toAbsolutePath().toString()));
        Path home = tmp.resolve("home");

        // when real czar processes, started with the umask of an ordinary login shell, launch and supervise it
        Process launch = czar(home, repo, config, "launch", "perms", "--task", "Implement the permissions\nagent-mode: tick");
        assertThat(launch.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(launch.exitValue()).as(new String(launch.getInputStream().readAllBytes())).isZero();
        Process supervise = czar(home, repo, config, "supervise");
        try {
            awaitFile(home.resolve("workers/perms/attempt-1.log"));
            awaitFile(home.resolve("status.json"));
        } finally {
            List<ProcessHandle> workers = supervise.descendants().toList();
            supervise.destroy(); // a clean stop ends the worker's group too; the loop below is for a failed test
            supervise.waitFor(60, TimeUnit.SECONDS);
            supervise.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        }

        // then every directory czar made is 0700 and every file it wrote is 0600
        for (String dir : List.of("", "db", "logs", "workers", "workers/perms", "worktrees")) {
            assertThat(mode(home.resolve(dir))).as(dir).isEqualTo(DIR);
        }
        for (String file : List.of(".gitignore", "db/czar.mv.db", "db/credentials", "logs/czar.log",
                "workers/perms/attempt-1.log", "worktrees/perms/TASK.md", "status.json")) {
            assertThat(mode(home.resolve(file))).as(file).isEqualTo(FILE);
        }
    }

    @Test
    void should_tighten_a_home_left_readable_by_an_older_czar() throws Exception {
        // given a home written under umask 022 before issue 18
        Path home = tmp.resolve("home");
        for (String file : List.of("db/czar.mv.db", "logs/czar.log", "workers/w/attempt-1.log", "status.json",
                "worktrees/w/TASK.md", "worktrees/w/build.sh")) {
            Files.createDirectories(home.resolve(file).getParent());
            Files.writeString(home.resolve(file), "x");
        }
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(home.resolve("worktrees/w/build.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));

        // when czar starts on it
        HomeDirectory.prepare(home);

        // then czar's own state is owner-only, and the working copy's files keep their modes behind 0700 directories
        for (String dir : List.of("", "db", "logs", "workers/w", "worktrees")) {
            assertThat(mode(home.resolve(dir))).as(dir).isEqualTo(DIR);
        }
        for (String file : List.of("db/czar.mv.db", "logs/czar.log", "workers/w/attempt-1.log", "status.json", "worktrees/w/TASK.md")) {
            assertThat(mode(home.resolve(file))).as(file).isEqualTo(FILE);
        }
        assertThat(mode(home.resolve("worktrees/w/build.sh"))).isEqualTo("rwxr-xr-x");
    }

    private Process czar(Path home, Path repo, Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Czar.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--repo", repo.toString(), "--home", home.toString(), "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("CZAR_"));
        if (args[0].equals("supervise")) {
            builder.redirectOutput(tmp.resolve("supervise.log").toFile());
        }
        return builder.start();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L; // a loaded 2-core machine needs the slack
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                fail("never saw " + file);
            }
            Thread.sleep(100);
        }
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
