package dev.czar.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A repository shaped like a large framework (issue 20: 60,000 commits, 25 long-lived maintenance branches, a
 * 15,000-file diff between main and the oldest of them), written as one {@code git fast-import} stream and cached
 * under {@code target/bench-repos/} so later runs reuse it.
 *
 * <p>Layout: a first commit adds {@code baseFiles} files; main's commits then edit one of its first
 * {@code mainFiles} files each. Branch {@code 1.0.x} forks early and each of its commits edits
 * {@code bigBranchFilesPerCommit} files of its own range, after renaming {@code renames} files (exact renames, as
 * maintenance branches have); the other branches fork at evenly spread points of main and edit one file each of
 * their own small range. So {@code git diff main 1.0.x} changes {@code mainFiles + bigBranchFiles} files.
 */
public final class FrameworkShapedRepo {
    public record Shape(int baseFiles, int mainFiles, int mainCommits, int branches, int branchCommits,
                        int bigBranchFilesPerCommit, int renames) {
        public static final Shape FRAMEWORK = new Shape(20_000, 2_000, 36_000, 25, 960, 14, 300);

        public int totalCommits() {
            return 1 + mainCommits + branches * branchCommits;
        }

        int bigBranchFiles() {
            return branchCommits * bigBranchFilesPerCommit;
        }

        String key() {
            return "v2-" + baseFiles + "-" + mainFiles + "-" + mainCommits + "-" + branches + "-" + branchCommits + "-"
                    + bigBranchFilesPerCommit + "-" + renames;
        }
    }

    /** The generated repository and the names of its branches (without main); the first one has the big diff. */
    public record Generated(Path dir, List<String> branches, long generationMillis, boolean reused) {
        public String bigBranch() {
            return branches.get(0);
        }
    }

    private static final long START = 1_500_000_000L;
    /** Lines of the generated classes; every edit marks one of them, so no edit writes a file back to its base content. */
    private static final int LINES = 16;

    private FrameworkShapedRepo() {
    }

    /** The repository of {@code shape} under {@code cacheRoot}, generated unless a complete one is already there. */
    public static Generated cached(Path cacheRoot, Shape shape) throws IOException, InterruptedException {
        Path dir = cacheRoot.resolve("framework-" + shape.key());
        Path done = dir.resolve(".git").resolve("czar-generated");
        List<String> names = branchNames(shape);
        if (Files.exists(done)) {
            return new Generated(dir, names, 0, true);
        }
        deleteRecursively(dir);
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        GeneratedRepo.git(dir, "init", "-q", "-b", "main", ".");
        Process p = new ProcessBuilder("git", "fast-import", "--quiet").directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            write(in, shape, names);
        }
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("git fast-import failed (exit " + p.exitValue() + ")");
        }
        GeneratedRepo.git(dir, "read-tree", "main"); // an index matching HEAD, so `git status` sees a clean checkout
        Files.writeString(done, shape.key() + "\n");
        return new Generated(dir, names, (System.nanoTime() - t0) / 1_000_000, false);
    }

    private static List<String> branchNames(Shape shape) {
        List<String> names = new ArrayList<>();
        for (int b = 0; b < shape.branches(); b++) {
            names.add((1 + b / 5) + "." + (b % 5) + ".x");
        }
        return names;
    }

    private static void write(OutputStream stream, Shape shape, List<String> names) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 20);
        long time = START;
        out.write("commit refs/heads/main\nmark :1\ncommitter Main Dev <main@example.com> " + time + " +0000\n");
        data(out, "initial import");
        for (int f = 0; f < shape.baseFiles(); f++) {
            file(out, path(f), content(f, -1, ""));
        }
        int[] forkMark = new int[shape.branches()];
        for (int b = 0; b < shape.branches(); b++) {
            // branch 0 forks after 2 % of main, the last one near main's tip
            forkMark[b] = 2 + (int) ((long) shape.mainCommits() * (2 + 96L * b / Math.max(1, shape.branches() - 1)) / 100);
        }
        for (int i = 1; i <= shape.mainCommits(); i++) {
            out.write("commit refs/heads/main\nmark :" + (i + 1) + "\ncommitter Main Dev <main@example.com> " + (time + i * 60L) + " +0000\n");
            data(out, "main change " + i);
            int f = i % shape.mainFiles();
            file(out, path(f), content(f, (i / shape.mainFiles()) % LINES, "main " + i));
        }
        int mark = shape.mainCommits() + 2;
        int rangeStart = shape.mainFiles() + shape.bigBranchFiles() + shape.renames();
        for (int b = 0; b < shape.branches(); b++) {
            out.write("reset refs/heads/" + names.get(b) + "\nfrom :" + Math.min(forkMark[b], shape.mainCommits() + 1) + "\n\n");
            for (int c = 0; c < shape.branchCommits(); c++) {
                out.write("commit refs/heads/" + names.get(b) + "\nmark :" + mark++ + "\ncommitter Maintainer " + b
                        + " <m" + b + "@example.com> " + (time + (forkMark[b] + c) * 60L + 30) + " +0000\n");
                data(out, names.get(b) + " fix " + c);
                if (b == 0) {
                    if (c == 0) {
                        for (int r = 0; r < shape.renames(); r++) {
                            int f = shape.mainFiles() + shape.bigBranchFiles() + r;
                            out.write("R " + path(f) + " legacy/" + path(f) + "\n");
                        }
                    }
                    for (int k = 0; k < shape.bigBranchFilesPerCommit(); k++) {
                        int f = shape.mainFiles() + c * shape.bigBranchFilesPerCommit() + k;
                        file(out, path(f), content(f, k % LINES, "backport " + c));
                    }
                } else {
                    int f = rangeStart + (b - 1) * 100 + c % 100;
                    file(out, path(f % shape.baseFiles()), content(f % shape.baseFiles(), c % LINES, names.get(b) + " fix " + c));
                }
            }
        }
        out.flush();
    }

    private static String path(int f) {
        return "module" + (f / 500) + "/src/main/java/org/example/m" + (f / 500) + "/Type" + f + ".java";
    }

    private static String content(int f, int changedLine, String change) {
        StringBuilder sb = new StringBuilder("package org.example.m").append(f / 500).append(";\n\npublic class Type").append(f).append(" {\n");
        for (int l = 0; l < LINES; l++) {
            sb.append("    int field").append(l).append(" = ").append(l).append(';');
            if (l == changedLine) {
                sb.append(" // ").append(change);
            }
            sb.append('\n');
        }
        return sb.append("}\n").toString();
    }

    private static void data(BufferedWriter out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write("data " + bytes.length + "\n" + text + "\n");
    }

    private static void file(BufferedWriter out, String path, String content) throws IOException {
        out.write("M 100644 inline " + path + "\n");
        data(out, content);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
