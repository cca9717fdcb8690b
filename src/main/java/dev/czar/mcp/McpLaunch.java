package dev.czar.mcp;

import dev.czar.config.McpConfig;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line an agent runs to start {@code czar mcp} on this home: the configured {@code mcp.command}, or this
 * very czar (same java, same class path, whether a jar or {@code target/classes}), then {@code mcp --home H --repo R}
 * and the config file, all absolute because the agent runs it from its working copy.
 */
public final class McpLaunch {
    private McpLaunch() {
    }

    public static List<String> command(McpConfig config, Path home, Path repo, Path configFile) {
        List<String> line = new ArrayList<>(config.command().isEmpty() ? thisProcess() : config.command());
        line.addAll(List.of("mcp", "--home", home.toAbsolutePath().normalize().toString(),
                "--repo", repo.toAbsolutePath().normalize().toString()));
        if (configFile != null) {
            line.addAll(List.of("--config", configFile.toAbsolutePath().normalize().toString()));
        }
        return line;
    }

    /** java, the class path of this process and czar's main class; a small, quick-starting JVM. */
    static List<String> thisProcess() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<String> line = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        line.addAll(List.of("-cp", absolute(classPath), "dev.czar.Czar"));
        return line;
    }

    private static String absolute(String classPath) {
        List<String> parts = new ArrayList<>();
        for (String part : classPath.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                parts.add(Path.of(part).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
