package dev.czar.review;

import dev.czar.UserError;

import java.nio.file.Path;

/** What is reviewed: a branch against main, a commit range, a pull request, or a free-text proposal. */
public sealed interface ReviewTarget {
    /** How reports name the target. */
    String label();

    /** {@code git diff main...branch}: the branch's changes since its merge base with main. */
    record Branch(String name) implements ReviewTarget {
        public String label() {
            return "branch " + name;
        }
    }

    /** {@code git diff from..to}. */
    record Range(String from, String to) implements ReviewTarget {
        public String label() {
            return "commits " + from + ".." + to;
        }
    }

    /** A GitHub pull request by number. */
    record PullRequest(int number) implements ReviewTarget {
        public String label() {
            return "pull request #" + number;
        }
    }

    /** A proposal or design note, read from a text file. */
    record Proposal(Path file) implements ReviewTarget {
        public String label() {
            return "proposal " + file.getFileName();
        }
    }

    /**
     * Reads what a user typed: {@code A..B} is a range, {@code #12} / {@code pr 12} / {@code PR-12} a pull
     * request, anything else a branch name.
     */
    static ReviewTarget parse(String text) {
        String spec = text == null ? "" : text.strip();
        if (spec.isEmpty()) {
            throw new UserError("what should I review? give a branch, a range A..B, a pull request #N, or --text FILE");
        }
        var pr = java.util.regex.Pattern.compile("(?i)^(?:#|pr[\\s#-]*|pull/)(\\d+)$").matcher(spec);
        if (pr.matches()) {
            return new PullRequest(Integer.parseInt(pr.group(1)));
        }
        int dots = spec.indexOf("..");
        if (dots > 0 && dots < spec.length() - 2 && !spec.contains("...")) {
            return new Range(spec.substring(0, dots), spec.substring(dots + 2));
        }
        if (spec.contains(" ")) {
            throw new UserError("'" + spec + "' is not a branch name; review one target at a time");
        }
        return new Branch(spec);
    }
}
