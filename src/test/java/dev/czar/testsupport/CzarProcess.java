package dev.czar.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code target/czar.jar} as a real process, as a user would. */
public record CzarProcess(int exitCode, String out, String err) {
    public static CzarProcess run(Path workDir, String stdin, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", System.getProperty("czar.jar")));
        command.addAll(List.of(args));
        return exec(workDir, stdin, env, command);
    }

    public static CzarProcess exec(Path workDir, String stdin, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CZAR_"));
        builder.environment().putAll(env);
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + System.getProperty("user.home"));
        Path out = java.nio.file.Files.createTempFile("czar-out", ".txt");
        Path err = java.nio.file.Files.createTempFile("czar-err", ".txt");
        try {
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("czar did not finish within 120 s: " + command);
            }
            String stderr = java.nio.file.Files.readString(err).lines()
                    .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                    .reduce("", (a, b) -> a + b + "\n");
            return new CzarProcess(process.exitValue(), java.nio.file.Files.readString(out), stderr);
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
