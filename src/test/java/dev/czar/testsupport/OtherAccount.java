package dev.czar.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as another OS account ({@code nobody}, uid 65534) through {@code setpriv} or {@code runuser}, to
 * check what a second local user can reach. Needs root; tests are skipped with the reason otherwise.
 */
public final class OtherAccount {
    private static final String NOBODY = "65534";

    private OtherAccount() {
    }

    /** Skips the calling test unless this JVM can switch to {@code nobody}. */
    public static void assumeAvailable() throws Exception {
        Assumptions.assumeTrue("0".equals(run(List.of("id", "-u")).strip()), "needs root to run a command as another account");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "neither setpriv nor runuser is installed");
    }

    /** A world-readable copy of the H2 jar (the build's copy sits under root's home, which nobody cannot read). */
    public static Path h2Jar(Path dir) throws Exception {
        Path jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(jar, dir.resolve("h2.jar"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        return copy;
    }

    /** Runs {@code command} as {@code nobody}; returns its exit code and combined output. */
    public static Result runAsNobody(List<String> command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(Files.isExecutable(Path.of("/usr/bin/setpriv"))
                ? List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups")
                : List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        all.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(all).redirectErrorStream(true).directory(Path.of("/").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("HOME", "/tmp");
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("command as nobody did not finish: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    public record Result(int exitCode, String output) {
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
