package dev.czar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of some test classes in this Maven run, read from the surefire and failsafe XML reports
 * ({@code TEST-<class>.xml}); a report older than the run start counts as not run.
 */
record TestOutcome(int tests, int failed, int skipped, List<String> notRun) {
    private static final List<Path> REPORT_DIRS = List.of(Path.of("target", "surefire-reports"), Path.of("target", "failsafe-reports"));
    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    static TestOutcome of(List<String> testClasses, Instant runStart) {
        int tests = 0;
        int failed = 0;
        int skipped = 0;
        List<String> notRun = new ArrayList<>();
        for (String testClass : testClasses) {
            Path report = REPORT_DIRS.stream().map(d -> d.resolve("TEST-" + testClass + ".xml")).filter(p -> fresh(p, runStart))
                    .findFirst().orElse(null);
            if (report == null) {
                notRun.add(testClass.substring(testClass.lastIndexOf('.') + 1));
                continue;
            }
            String suite = suiteElement(report);
            tests += attribute(suite, "tests");
            failed += attribute(suite, "failures") + attribute(suite, "errors");
            skipped += attribute(suite, "skipped");
        }
        return new TestOutcome(tests, failed, skipped, notRun);
    }

    boolean passed() {
        return tests > 0 && failed == 0 && notRun.isEmpty();
    }

    String text() {
        return tests + " tests run in this run, " + failed + " failed, " + skipped + " skipped"
                + (notRun.isEmpty() ? "" : "; not run: " + String.join(", ", notRun));
    }

    private static boolean fresh(Path report, Instant runStart) {
        try {
            return Files.exists(report) && !Files.getLastModifiedTime(report).toInstant().isBefore(runStart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String suiteElement(Path report) {
        try {
            Matcher m = SUITE.matcher(Files.readString(report));
            if (!m.find()) {
                throw new IllegalStateException("no <testsuite> in " + report);
            }
            return m.group();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int attribute(String element, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"(\\d+)\"").matcher(element);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
