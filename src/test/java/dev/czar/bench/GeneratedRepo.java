package dev.czar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a large repository quickly by piping a generated stream into {@code git fast-import}: a linear main of
 * {@code mainCommits} commits over {@code files} files, then {@code branches} branches forking at evenly spread
 * points of main (from the tip back to {@code oldestForkBack} commits behind it), each with {@code branchCommits}
 * commits: new files of its own plus one edit to a shared file, {@code src/shared<b % 5>.txt}, so branches in the
 * same group of five conflict with each other.
 */
public final class GeneratedRepo {
    private GeneratedRepo() {
    }

    public record Shape(int mainCommits, int files, int branches, int branchCommits, int oldestForkBack) {
        public int totalCommits() {
            return mainCommits + branches * branchCommits;
        }
    }

    /** Creates the repository at {@code dir} and returns the branch names (without main). */
    public static List<String> generate(Path dir, Shape shape) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main", ".");
        Path stream = Files.createTempFile("czar-fast-import", ".txt");
        List<String> names = new ArrayList<>();
        try {
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(stream), StandardCharsets.UTF_8))) {
                long time = 1_764_000_000L;
                for (int i = 1; i <= shape.mainCommits(); i++) {
                    out.write("commit refs/heads/main\nmark :" + i + "\n");
                    out.write("committer Main Dev <main@example.com> " + (time + i * 60L) + " +0000\n");
                    data(out, "main change " + i);
                    if (i == 1) {
                        for (int s = 0; s < 5; s++) {
                            file(out, "src/shared" + s + ".txt", lines("shared " + s, 30, -1, ""));
                        }
                    }
                    int f = i % shape.files();
                    file(out, "src/m" + (f / 100) + "/F" + f + ".txt", lines("file " + f, 20, (i / shape.files()) % 20, "v" + i));
                }
                for (int b = 0; b < shape.branches(); b++) {
                    int fork = shape.mainCommits() - (int) ((long) b * shape.oldestForkBack() / Math.max(1, shape.branches() - 1));
                    String name = "agent/task-" + b;
                    names.add(name);
                    out.write("reset refs/heads/" + name + "\nfrom :" + Math.max(1, fork) + "\n\n");
                    for (int c = 1; c <= shape.branchCommits(); c++) {
                        out.write("commit refs/heads/" + name + "\n");
                        out.write("committer Agent " + b + " <agent" + b + "@example.com> " + (time + (shape.mainCommits() + b * 10L + c) * 60L) + " +0000\n");
                        data(out, "task " + b + " step " + c);
                        file(out, "src/task" + b + "/Step" + c + ".txt", lines("task " + b + " step " + c, 15, -1, ""));
                        if (c == 1) {
                            file(out, "src/shared" + (b % 5) + ".txt", lines("shared " + (b % 5), 30, 10, "edited by task " + b));
                        }
                    }
                }
            }
            ProcessBuilder pb = new ProcessBuilder("git", "fast-import", "--quiet").directory(dir.toFile())
                    .redirectInput(stream.toFile()).redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("git fast-import failed: " + output);
            }
        } finally {
            Files.deleteIfExists(stream);
        }
        return names;
    }

    private static String lines(String label, int count, int changedLine, String change) {
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < count; l++) {
            sb.append(label).append(" line ").append(l);
            if (l == changedLine) {
                sb.append(' ').append(change);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void data(BufferedWriter out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write("data " + bytes.length + "\n" + text + "\n");
    }

    private static void file(BufferedWriter out, String path, String content) throws IOException {
        out.write("M 100644 inline " + path + "\n");
        data(out, content);
    }

    /** Runs git in {@code dir} and returns its standard output; fails on a non-zero exit. */
    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed (exit " + p.exitValue() + ")");
        }
        return out;
    }
}
