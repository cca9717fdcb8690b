package dev.czar.workers;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Flags a change that cannot be the implementation a task asked for: only test files, or only stubs (every
 * changed non-test file adds a "not implemented" marker). Tasks that ask only for tests are not checked.
 */
final class Substance {
    private static final Pattern TEST_PATH = Pattern.compile(
            "(^|/)(src/test/|tests?/|__tests__/|spec/)|(Test|Tests|IT|Spec)\\.[a-z]+$|_test\\.[a-z]+$|(^|/)test_[^/]+$|\\.(spec|test)\\.[a-z]+$");
    private static final Pattern STUB = Pattern.compile(
            "UnsupportedOperationException|NotImplementedError|NotImplementedException|not implemented|\\bTODO\\b|\\bFIXME\\b"
                    + "|todo!\\(|unimplemented!\\(|^\\s*pass\\s*$|^\\s*\\.\\.\\.\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKS_IMPLEMENTATION = Pattern.compile(
            "\\b(implement|build|add|create|fix|support|write|make|change|refactor|introduce)\\b");
    private static final Pattern ASKS_TESTS_ONLY = Pattern.compile(
            "\\b(only|just) (add |write )?tests?\\b|\\b(add|write|improve|increase) (unit |integration )?(tests?|test coverage)\\b(?!.*\\b(and|then) (implement|fix|build))");

    private Substance() {
    }

    static GateItem check(String task, List<BranchFacts.Change> changes) {
        String folded = task.toLowerCase(Locale.ROOT);
        if (ASKS_TESTS_ONLY.matcher(folded).find() || !ASKS_IMPLEMENTATION.matcher(folded).find()) {
            return new GateItem("substance", GateItem.Status.SKIP, "the task does not ask for an implementation");
        }
        List<BranchFacts.Change> code = changes.stream().filter(c -> !TEST_PATH.matcher(c.path()).find()).toList();
        if (code.isEmpty()) {
            return GateItem.fail("substance", "tests-only change: every changed file is a test ("
                    + names(changes) + ") but the task asks for an implementation");
        }
        boolean allStubs = code.stream().allMatch(c -> c.addedLines().stream().anyMatch(l -> STUB.matcher(l).find()));
        if (allStubs) {
            return GateItem.fail("substance", "stubs-only change: every changed implementation file adds a"
                    + " not-implemented marker (" + names(code) + ")");
        }
        return GateItem.pass("substance", code.size() + " implementation file(s) changed: " + names(code));
    }

    private static String names(List<BranchFacts.Change> changes) {
        String listed = changes.stream().limit(8).map(BranchFacts.Change::path).collect(Collectors.joining(", "));
        return changes.size() > 8 ? listed + " and " + (changes.size() - 8) + " more" : listed;
    }
}
