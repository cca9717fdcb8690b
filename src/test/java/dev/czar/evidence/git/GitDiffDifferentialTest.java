package dev.czar.evidence.git;

import dev.czar.config.GitConfig;
import dev.czar.testsupport.GitCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential tests: each builds a small repository with the git CLI to hit one of git's diff rules, then asserts
 * that czar's diffstat equals {@code git diff --numstat} file by file and {@code git diff --shortstat} in total,
 * both as czar counts by default (the git executable) and as its JGit fallback counts without git.
 */
class GitDiffDifferentialTest {
    private static final GitConfig AUTO = new GitConfig(null, null);
    private static final GitConfig JGIT_ONLY = new GitConfig(null, null, null, null, GitExecutable.NONE);
    private static final Pattern SHORTSTAT = Pattern.compile("(\\d+) files? changed(?:, (\\d+) insertions?\\(\\+\\))?(?:, (\\d+) deletions?\\(-\\))?");

    @TempDir
    Path dir;

    @Test
    void renames_within_the_limit_are_detected_exactly_and_inexactly_as_git_does() throws Exception {
        GitCli git = GitCli.init(dir);
        Files.createDirectories(dir.resolve("lib"));
        for (int i = 0; i < 6; i++) {
            git.write("src/module" + i + "/Service" + i + ".java", text(i, 40));
        }
        git.commitAll("base");
        git.run("mv", "src/module0/Service0.java", "lib/Service0.java");                 // exact rename
        git.run("mv", "src/module1/Service1.java", "lib/Renamed1.java");                  // exact, new basename
        git.run("mv", "src/module2/Service2.java", "lib/Service2.java");
        git.write("lib/Service2.java", edited(text(2, 40), 3));                          // inexact, same basename
        git.run("mv", "src/module3/Service3.java", "lib/Other3.java");
        git.write("lib/Other3.java", edited(text(3, 40), 12));                           // inexact, ~70 % similar
        git.run("rm", "-q", "src/module4/Service4.java");
        git.write("lib/Fresh4.java", text(99, 40));                                       // unrelated: delete + add
        git.commitAll("move things");

        DiffStat stat = assertSameAsGit(git, "HEAD~1", "HEAD");

        assertThat(stat.files()).extracting(FileChange::change).contains("RENAME", "ADD", "DELETE");
        assertThat(stat.renameWarning()).isEmpty();
    }

    @Test
    void above_the_rename_limit_only_exact_and_basename_renames_are_found_and_czar_says_so() throws Exception {
        GitCli git = GitCli.init(dir);
        Files.createDirectories(dir.resolve("new"));
        for (int i = 0; i < 5; i++) {
            git.write("old/File" + i + ".txt", text(i, 30));
        }
        git.write("old/Exact.txt", text(50, 30));
        git.commitAll("base");
        git.run("config", "diff.renameLimit", "2");
        for (int i = 0; i < 4; i++) {
            git.run("rm", "-q", "old/File" + i + ".txt");
            git.write("new/Moved" + i + ".txt", edited(text(i, 30), 4));                    // inexact renames: skipped
        }
        git.run("mv", "old/File4.txt", "new/File4.txt");
        git.write("new/File4.txt", edited(text(4, 30), 2));                                // same basename: still found
        git.run("mv", "old/Exact.txt", "new/Exact2.txt");                                 // exact: always found
        git.commitAll("move above the limit");

        GitCli.Output cli = git.exec(null, "diff", "--shortstat", "HEAD~1", "HEAD");
        DiffStat stat = assertSameAsGit(git, "HEAD~1", "HEAD");

        assertThat(cli.stderr()).contains("rename detection was skipped due to too many files");
        assertThat(stat.renameWarning()).hasValueSatisfying(w -> assertThat(w).contains("skipped", "diff.renameLimit"));
        assertThat(stat.neededRenameLimit()).isEqualTo(4);
        assertThat(cli.stderr()).contains("at least 4");
    }

    @Test
    void the_same_moves_under_the_default_limit_are_paired() {
        GitCli git = GitCli.init(dir);
        for (int i = 0; i < 5; i++) {
            git.write("old/File" + i + ".txt", text(i, 30));
        }
        git.commitAll("base");
        for (int i = 0; i < 5; i++) {
            git.run("rm", "-q", "old/File" + i + ".txt");
            git.write("new/Moved" + i + ".txt", edited(text(i, 30), 4));
        }
        git.commitAll("move");

        DiffStat stat = assertSameAsGit(git, "HEAD~1", "HEAD");

        assertThat(stat.files()).hasSize(5).allSatisfy(f -> assertThat(f.change()).isEqualTo("RENAME"));
    }

    @Test
    void a_rename_whose_lines_all_differ_is_still_paired_when_git_s_chunk_hash_scores_it_above_half() {
        // No line is equal, yet git scores this pair 59 % (diffcore-delta's chunk hash); JGit's own index scores it lower.
        GitCli git = GitCli.init(dir);
        git.write("src/f00555.txt", numbered(901, false));
        git.commitAll("base");
        git.run("rm", "-q", "src/f00555.txt");
        git.write("moved/g00555.txt", numbered(885, true));
        git.commitAll("move and renumber");

        DiffStat stat = assertSameAsGit(git, "HEAD~1", "HEAD");

        assertThat(stat.files()).extracting(FileChange::change).containsExactly("RENAME");
    }

    private static String numbered(int first, boolean editLineFive) {
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < 20; j++) {
            out.append("file 555 line ").append(j).append(editLineFive && j == 5 ? " edited" : "")
                    .append(" value ").append((first + 3 * j) % 1000).append('\n');
        }
        return out.toString();
    }

    @Test
    void copies_count_as_added_files_by_default_and_as_copies_with_diff_renames_copies() {
        GitCli git = GitCli.init(dir);
        git.write("a/Source.java", text(1, 30));
        git.commitAll("base");
        git.write("a/Source.java", edited(text(1, 30), 1));
        git.write("b/Copy.java", text(1, 30));
        git.commitAll("copy and edit");

        DiffStat byDefault = assertSameAsGit(git, "HEAD~1", "HEAD");
        git.run("config", "diff.renames", "copies");
        DiffStat withCopies = assertSameAsGit(git, "HEAD~1", "HEAD");
        git.run("config", "diff.renames", "false");
        assertSameAsGit(git, "HEAD~1", "HEAD");

        assertThat(byDefault.files()).extracting(FileChange::change).containsExactlyInAnyOrder("MODIFY", "ADD");
        assertThat(withCopies.files()).extracting(FileChange::change).containsExactlyInAnyOrder("MODIFY", "COPY");
    }

    @Test
    void binary_files_mode_changes_symlinks_submodules_and_crlf_are_counted_as_git_counts_them() throws Exception {
        GitCli git = GitCli.init(dir);
        git.write("img/logo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 10, 4});
        git.write("bin/run.sh", "echo one\n");
        git.write("docs/windows.txt", "one\r\ntwo\r\nthree\r\n");
        git.write("docs/target.txt", "target\n");
        git.write("docs/becomes-link.txt", "plain file\nline two\n");
        git.write("nolf.txt", "a\nb");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("docs/target.txt"));
        String sub = git.run("hash-object", "-w", "--stdin").strip();
        git.run("update-index", "--add", "--cacheinfo", "160000," + "1".repeat(40) + ",vendor/lib");
        git.commitAll("base");
        git.write("img/logo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 9, 9, 9});
        git.write("img/new.bin", new byte[]{0, 0, 1});
        git.run("update-index", "--chmod=+x", "bin/run.sh");
        git.write("docs/windows.txt", "one\r\nTWO\r\nthree\r\n");
        git.write("docs/mixed.txt", "one\ntwo\r\n");
        Files.delete(dir.resolve("link"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("nolf.txt"));
        Files.delete(dir.resolve("docs/becomes-link.txt"));
        Files.createSymbolicLink(dir.resolve("docs/becomes-link.txt"), Path.of("target.txt"));
        git.write("nolf.txt", "a\nb\n");
        git.run("update-index", "--add", "--cacheinfo", "160000," + "2".repeat(40) + ",vendor/lib");
        git.run("update-index", "--add", "--cacheinfo", "160000," + "3".repeat(40) + ",vendor/other");
        git.run("add", "-A");
        git.run("update-index", "--chmod=+x", "bin/run.sh");
        git.run("commit", "-q", "-m", "binary, modes, links, submodules");
        assertThat(sub).hasSize(40);

        DiffStat stat = assertSameAsGit(git, "HEAD~1", "HEAD");

        assertThat(stat.files()).filteredOn(FileChange::binary).extracting(FileChange::path)
                .containsExactlyInAnyOrder("img/logo.png", "img/new.bin");
    }

    @Test
    void line_counts_follow_git_myers_on_generated_edits() {
        GitCli git = GitCli.init(dir);
        Random random = new Random(20);
        List<String> originals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String content = repetitive(random, 60 + random.nextInt(120));
            originals.add(content);
            git.write("gen/f" + i + ".txt", content);
        }
        git.commitAll("base");
        for (int i = 0; i < 30; i++) {
            git.write("gen/f" + i + ".txt", mutate(random, originals.get(i)));
        }
        git.commitAll("random edits");

        assertSameAsGit(git, "HEAD~1", "HEAD");
    }

    @Test
    void line_counts_equal_git_s_where_xdiff_gives_up_frequent_lines_that_jgit_s_myers_pairs() {
        // spring-petclinic's mvnw.cmd in small: the two versions share only blank lines, frequent enough in the other
        // file (more than its square root of lines) that git's xdiff treats those amid unmatched lines as changed,
        // while JGit's Myers pairs them. git: +59 -59; JGit: +50 -50. czar counts with git, so it says +59 -59.
        GitCli git = GitCli.init(dir);
        git.write("mvnw.cmd", blankEvery(6, "old line "));
        git.commitAll("base");
        git.write("mvnw.cmd", blankEvery(5, "new line "));
        git.commitAll("rewrite");

        DiffStat stat = assertSameAsGit(git, "HEAD~1", "HEAD", AUTO);

        assertThat(stat.linesByGit()).isTrue();
        assertThat(stat.notes()).isEmpty();
        assertThat(new int[]{stat.insertions(), stat.deletions()}).containsExactly(59, 59);
        try (GitEvidence jgitOnly = GitEvidence.open(git.dir(), JGIT_ONLY)) {
            DiffStat fallback = jgitOnly.diffStat("HEAD~1", "HEAD");
            assertThat(new int[]{fallback.insertions(), fallback.deletions()}).as("JGit's Myers, without git")
                    .containsExactly(50, 50);
            assertThat(fallback.notes()).singleElement().asString().contains("lines counted by JGit", "differ from git");
        }
    }

    private static String blankEvery(int every, String prefix) {
        StringBuilder out = new StringBuilder("@echo off\n");
        for (int i = 0; i < 60; i++) {
            out.append(i % every == every - 1 ? "" : prefix + i).append('\n');
        }
        return out.append("exit /b 0\n").toString();
    }

    /**
     * Asserts czar's numstat and totals equal git's for {@code git diff base tip}, counted by the git executable and
     * by the JGit fallback alike; returns the former.
     */
    static DiffStat assertSameAsGit(GitCli git, String base, String tip) {
        assertSameAsGit(git, base, tip, JGIT_ONLY);
        return assertSameAsGit(git, base, tip, AUTO);
    }

    static DiffStat assertSameAsGit(GitCli git, String base, String tip, GitConfig config) {
        List<String> cli = numstat(git.run("diff", "--numstat", "-z", base, tip));
        int[] totals = shortstat(git.run("diff", "--shortstat", base, tip));
        try (GitEvidence evidence = GitEvidence.open(git.dir(), config)) {
            DiffStat stat = evidence.diffStat(base, tip);
            String counter = config == AUTO ? "git executable" : "JGit fallback";
            assertThat(stat.linesByGit()).as(counter).isEqualTo(config == AUTO);
            List<String> ours = stat.files().stream().map(f -> f.binary() ? "-\t-\t" + f.oldPath() + " -> " + f.path()
                    : f.added() + "\t" + f.deleted() + "\t" + f.oldPath() + " -> " + f.path()).sorted().toList();
            assertThat(ours).as("numstat of %s..%s (%s)", base, tip, counter).isEqualTo(cli);
            assertThat(new int[]{stat.files().size(), stat.insertions(), stat.deletions()})
                    .as("shortstat of %s..%s (%s)", base, tip, counter).containsExactly(totals);
            return stat;
        }
    }

    private static List<String> numstat(String z) {
        List<String> rows = new ArrayList<>();
        String[] parts = z.split("\0", -1);
        for (int i = 0; i < parts.length && !parts[i].isEmpty(); i++) {
            String[] counts = parts[i].split("\t", 3);
            String oldPath;
            String newPath;
            if (counts[2].isEmpty()) {
                oldPath = parts[++i];
                newPath = parts[++i];
            } else {
                oldPath = counts[2];
                newPath = counts[2];
            }
            rows.add(counts[0] + "\t" + counts[1] + "\t" + oldPath + " -> " + newPath);
        }
        return rows.stream().sorted().toList();
    }

    static int[] shortstat(String line) {
        Matcher m = SHORTSTAT.matcher(line);
        if (!m.find()) {
            return new int[]{0, 0, 0};
        }
        return new int[]{Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    static String text(int seed, int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            out.append("line ").append(i).append(" of file ").append(seed).append(": value ").append(seed * 31 + i * 7).append('\n');
        }
        return out.toString();
    }

    static String edited(String text, int every) {
        String[] lines = text.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(i % Math.max(1, lines.length / every) == 0 ? "changed " + lines[i] : lines[i]).append('\n');
        }
        return out.toString();
    }

    /** Lines drawn from a small vocabulary, so Myers has many equal lines to choose between. */
    private static String repetitive(Random random, int lines) {
        String[] words = {"{", "}", "return x;", "", "int a = 0;", "a++;", "if (a) {", "} else {", "// note"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            out.append(words[random.nextInt(words.length)]).append('\n');
        }
        return out.toString();
    }

    private static String mutate(Random random, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + random.nextInt(15);
        for (int e = 0; e < edits && lines.size() > 2; e++) {
            int at = random.nextInt(lines.size() - 1);
            switch (random.nextInt(3)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, "inserted " + random.nextInt(5));
                default -> lines.set(at, lines.get(at).isEmpty() ? "x" : lines.get(at) + " // edited");
            }
        }
        return String.join("\n", lines);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
