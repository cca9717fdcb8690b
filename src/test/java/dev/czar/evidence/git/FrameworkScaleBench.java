package dev.czar.evidence.git;

import dev.czar.bench.BenchResults;
import dev.czar.bench.FrameworkShapedRepo;
import dev.czar.bench.FrameworkShapedRepo.Generated;
import dev.czar.bench.FrameworkShapedRepo.Shape;
import dev.czar.bench.PerformanceReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (bench profile, failsafe after {@code package}): the git CLI and one-shot {@code czar ask} (JVM start
 * counted) side by side on a repository of a large framework's shape ({@link FrameworkShapedRepo}): the 15,000-file
 * diffstat of main..1.0.x and ahead/behind of all 25 branches. Rounds alternate czar and git so that load on the
 * shared machine hits both alike; the median of {@value #ROUNDS} rounds is reported, with every round's figure.
 * Rows for {@code czar serve} time the same evidence in this JVM (start excluded). czar's figures must equal git's;
 * they are asserted after the report is written, so a mismatch is on record too.
 */
class FrameworkScaleBench {
    private static final int ROUNDS = 5;
    private static final Pattern CZAR_DIFFSTAT = Pattern.compile("([\\d,]+) files? changed, \\+([\\d,]+) -([\\d,]+)");
    private static final Pattern GIT_SHORTSTAT = Pattern.compile(
            "(\\d+) files? changed(?:, (\\d+) insertions?\\(\\+\\))?(?:, (\\d+) deletions?\\(-\\))?");
    private static final Pattern CZAR_AHEAD_ROW = Pattern.compile("^\\s+(\\S+)\\s+(\\d+) ahead, (\\d+) behind", Pattern.MULTILINE);

    @TempDir
    Path home;

    private record Timed(long millis, String out) {
    }

    @Test
    void diffstat_and_ahead_behind_on_a_framework_shaped_repository_by_git_cli_and_czar_ask() throws Exception {
        String loadBefore = PerformanceReport.loadAverage();
        Shape shape = Shape.FRAMEWORK;
        Generated repo = FrameworkShapedRepo.cached(Path.of("target", "bench-repos").toAbsolutePath(), shape);
        String big = repo.bigBranch();
        assertThat(git(repo.dir(), "rev-list", "--all", "--count").out().trim()).isEqualTo(Integer.toString(shape.totalCommits()));
        czar(repo.dir(), "ask", "status of main"); // first start writes the class-data archive; not measured

        List<Long> czarDiff = new ArrayList<>();
        List<Long> gitDiff = new ArrayList<>();
        List<Long> czarAhead = new ArrayList<>();
        List<Long> gitAhead = new ArrayList<>();
        List<Long> czarStart = new ArrayList<>();
        List<Long> serveDiff = new ArrayList<>();
        List<Long> serveAhead = new ArrayList<>();
        String serveFigures = "";
        String czarDiffOut = "";
        String gitDiffOut = "";
        String czarAheadOut = "";
        Map<String, String> gitCounts = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            Timed c = czar(repo.dir(), "ask", "what changed on " + big);
            Timed g = git(repo.dir(), "diff", "--shortstat", "main", big);
            czarDiff.add(c.millis());
            gitDiff.add(g.millis());
            czarDiffOut = c.out();
            gitDiffOut = g.out().trim();
            Timed ca = czar(repo.dir(), "ask", "which branches are ahead of main?");
            czarAhead.add(ca.millis());
            czarAheadOut = ca.out();
            long t0 = System.nanoTime();
            for (String branch : repo.branches()) {
                gitCounts.put(branch, git(repo.dir(), "rev-list", "--left-right", "--count", branch + "...main").out().trim());
            }
            gitAhead.add((System.nanoTime() - t0) / 1_000_000);
            czarStart.add(czar(repo.dir(), "--version").millis());
            // czar serve: the same evidence in a running JVM (start excluded), a fresh GitEvidence so nothing is cached
            long s0 = System.nanoTime();
            try (GitEvidence evidence = GitEvidence.open(repo.dir(), new dev.czar.config.GitConfig(null, null))) {
                DiffStat d = evidence.diffStat(big);
                serveFigures = d.files().size() + " files, +" + d.insertions() + " -" + d.deletions();
            }
            serveDiff.add((System.nanoTime() - s0) / 1_000_000);
            s0 = System.nanoTime();
            try (GitEvidence evidence = GitEvidence.open(repo.dir(), new dev.czar.config.GitConfig(null, null))) {
                assertThat(evidence.statusOfAll()).hasSize(repo.branches().size());
            }
            serveAhead.add((System.nanoTime() - s0) / 1_000_000);
        }

        Matcher g = GIT_SHORTSTAT.matcher(gitDiffOut);
        assertThat(g.find()).as("git diff --shortstat printed: %s", gitDiffOut).isTrue();
        assertThat(Integer.parseInt(g.group(1))).isGreaterThanOrEqualTo(15_000);
        Matcher c = CZAR_DIFFSTAT.matcher(czarDiffOut);
        String czarFigures = c.find() ? c.group(1) + " files, +" + c.group(2) + " -" + c.group(3) : "(no diffstat in: " + firstLine(czarDiffOut) + ")";
        String gitFigures = g.group(1) + " files, +" + orZero(g.group(2)) + " -" + orZero(g.group(3));
        boolean diffEqual = czarFigures.replaceAll("(?<=\\d),(?=\\d)", "").equals(gitFigures);
        int aheadRowsEqual = aheadRowsEqual(czarAheadOut, gitCounts);

        double diffRatio = (double) median(czarDiff) / median(gitDiff);
        double aheadRatio = (double) median(czarAhead) / median(gitAhead);
        String body = body(shape, repo, big, czarDiff, gitDiff, czarAhead, gitAhead, czarFigures, gitFigures, diffEqual,
                aheadRowsEqual, firstLine(czarAheadOut)) + serve(serveDiff, gitDiff, serveAhead, gitAhead, serveFigures, gitFigures)
                + "\nJVM start and exit alone (`czar --version`, same options), median "
                + median(czarStart) + " ms " + czarStart + ": the part of each czar figure that is not git work.\n";
        PerformanceReport.write("git-framework-scale", "Git CLI and czar ask side by side (60,000 commits, 25 branches, 15,000-file diff)",
                loadBefore, body);
        BenchResults.record("11-git-framework-scale", "15,000-file diffstat and ahead/behind of 25 branches over 60,000 commits,"
                        + " one-shot `czar ask` (JVM start counted) vs the git CLI", "`FrameworkScaleBench`", "<= 1.0x the git CLI",
                String.format("diffstat %.2fx (czar %d ms, git %d ms), ahead/behind %.2fx (czar %d ms, git %d ms)", diffRatio,
                        median(czarDiff), median(gitDiff), aheadRatio, median(czarAhead), median(gitAhead)),
                diffRatio <= 1.0 && aheadRatio <= 1.0);
        System.out.println(body);
        assertThat(czarFigures.replaceAll("(?<=\\d),(?=\\d)", "")).as("czar ask's diffstat").isEqualTo(gitFigures);
        assertThat(serveFigures).as("in-process diffstat").isEqualTo(gitFigures);
    }

    private static String body(Shape shape, Generated repo, String big, List<Long> czarDiff, List<Long> gitDiff,
                               List<Long> czarAhead, List<Long> gitAhead, String czarFigures, String gitFigures,
                               boolean diffEqual, int aheadRowsEqual, String czarAheadFirstLine) {
        return "`FrameworkScaleBench` (failsafe, after `package`; alone: `./mvnw -Pbench package failsafe:integration-test@bench"
                + " -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FrameworkScaleBench`): a repository generated with one"
                + " `git fast-import` stream (`FrameworkShapedRepo`, cached under `target/bench-repos/`; "
                + (repo.reused() ? "reused from an earlier run" : "generated in " + repo.generationMillis() + " ms") + "): "
                + String.format("%,d", shape.totalCommits()) + " commits (" + String.format("%,d", shape.mainCommits())
                + " on main over " + String.format("%,d", shape.baseFiles()) + " files), " + shape.branches()
                + " long-lived branches of " + shape.branchCommits() + " commits forking from 2 % to 98 % of main; `" + big
                + "` edits " + String.format("%,d", shape.branchCommits() * shape.bigBranchFilesPerCommit()) + " files and renames "
                + shape.renames() + ". czar: `java -XX:SharedArchiveFile=... -XX:TieredStopAtLevel=1 -jar target/czar.jar ask ...` as a new process per"
                + " question (JVM start counted, class-data archive written by an unmeasured first run, as `./czar` does); git:"
                + " the CLI processes below. " + ROUNDS + " rounds alternating czar and git; median, then every round in ms.\n\n"
                + "| work | czar ask (one-shot) | git CLI | czar / git | target |\n|---|---|---|---|---|\n"
                + row("diffstat main.." + big + ": `czar ask \"what changed on " + big + "\"` vs `git diff --shortstat main " + big + "`",
                czarDiff, gitDiff)
                + row("ahead/behind of " + shape.branches() + " branches: `czar ask \"which branches are ahead of main?\"` vs "
                        + shape.branches() + " x `git rev-list --left-right --count b...main`", czarAhead, gitAhead)
                + "\nFigures: git says " + gitFigures + "; czar says " + czarFigures + " (" + (diffEqual ? "equal" : "NOT equal")
                + "). Ahead/behind: all " + aheadRowsEqual + " branches czar lists (it lists at most 20) match git's counts"
                + " (czar's answer starts: \"" + czarAheadFirstLine + "\").\n";
    }

    private static String serve(List<Long> serveDiff, List<Long> gitDiff, List<Long> serveAhead, List<Long> gitAhead,
                                String serveFigures, String gitFigures) {
        return "\n`czar serve` (JVM start excluded): the same evidence read in a running JVM (this test's), a new"
                + " `GitEvidence` per round so no answer comes from its cache; git: the same CLI rounds as above.\n\n"
                + "| work | czar serve (in-process) | git CLI | czar / git | target |\n|---|---|---|---|---|\n"
                + row("diffstat main..1.0.x (`GitEvidence.diffStat`)", serveDiff, gitDiff)
                + row("ahead/behind of all branches (`GitEvidence.statusOfAll`)", serveAhead, gitAhead)
                + "\nFigures in-process: " + serveFigures + " (" + (serveFigures.equals(gitFigures) ? "equal to git's" : "NOT equal to git's " + gitFigures) + ").\n";
    }

    private static String row(String what, List<Long> czar, List<Long> git) {
        double ratio = (double) median(czar) / median(git);
        return "| " + what + " | " + median(czar) + " ms " + czar + " | " + median(git) + " ms " + git + " | "
                + String.format("%.2f", ratio) + " | <= 1.00: " + (ratio <= 1.0 ? "met" : "NOT met") + " |\n";
    }

    /** Branches whose czar row (ahead, behind) equals git's {@code behind ahead} from {@code b...main}. */
    private static int aheadRowsEqual(String czarOut, Map<String, String> gitCounts) {
        int equal = 0;
        Matcher m = CZAR_AHEAD_ROW.matcher(czarOut);
        while (m.find()) {
            String[] counts = gitCounts.getOrDefault(m.group(1), "").split("\\s+");
            if (counts.length == 2 && counts[0].equals(m.group(2)) && counts[1].equals(m.group(3))) {
                equal++;
            }
        }
        return equal;
    }

    private Timed czar(Path repo, String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "czar.jar").toAbsolutePath();
        Path archive = Path.of("target", "bench-czar.jsa").toAbsolutePath();
        // the options ./czar gives a one-shot command: class-data archive, quick JIT only
        List<String> command = new ArrayList<>(List.of("java", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1"));
        if (!Files.exists(archive)) {
            command.set(1, "-XX:ArchiveClassesAtExit=" + archive);
        }
        command.addAll(List.of("-jar", jar.toString(), "--repo", repo.toString(), "--home", home.resolve("home").toString(),
                "--config", Path.of("config", "czar.yaml").toAbsolutePath().toString()));
        command.addAll(Arrays.asList(args));
        return run(new ProcessBuilder(command).directory(home.toFile()));
    }

    private static Timed git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        return run(new ProcessBuilder(command).directory(repo.toFile()));
    }

    private static Timed run(ProcessBuilder builder) throws IOException, InterruptedException {
        builder.environment().keySet().removeIf(k -> k.startsWith("CZAR_") || k.endsWith("_API_KEY") || k.startsWith("SLACK_"));
        long t0 = System.nanoTime();
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + out);
        }
        return new Timed((System.nanoTime() - t0) / 1_000_000, out);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String orZero(String group) {
        return group == null ? "0" : group;
    }
}
