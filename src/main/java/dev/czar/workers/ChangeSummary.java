package dev.czar.workers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a change does, wherever it comes from: a workstream's branch (commits since it left main) or a unified diff
 * handed to {@code czar fit --diff}. Task fit reads its {@link #text() summary} for the embedding, its
 * {@link #lineFrequency() words} for lexical evidence, and checks a model's citations of paths and lines against it.
 * It holds the commit messages, newest first (none for a plain {@code git diff}), and the changed files with their
 * added and removed lines.
 */
public final class ChangeSummary {
    /** Lines read for words per change: enough to know what a change is about, bounded for huge diffs. */
    private static final int MAX_LINES = 4_000;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private final List<String> messages;
    private final List<BranchFacts.Change> changes;
    private Map<String, Integer> lineFrequency;
    private Set<String> pathWords;

    public ChangeSummary(List<String> messages, List<BranchFacts.Change> changes) {
        this.messages = List.copyOf(messages);
        this.changes = List.copyOf(changes);
    }

    public List<String> messages() {
        return messages;
    }

    public List<BranchFacts.Change> changes() {
        return changes;
    }

    /** The commits from {@code base} to {@code head} of a branch (at most {@code maxMessages} messages). */
    static ChangeSummary ofBranch(BranchFacts git, String base, String head, int maxMessages) {
        return new ChangeSummary(git.messages(base, head, maxMessages), git.changes(base, head));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The summary text within the embedding budget (see {@link BranchSummary}). */
    public String text() {
        return BranchSummary.of(messages, changes);
    }

    public List<String> paths() {
        return changes.stream().map(BranchFacts.Change::path).toList();
    }

    public int addedLines() {
        return changes.stream().mapToInt(c -> c.addedLines().size()).sum();
    }

    public int removedLines() {
        return changes.stream().mapToInt(c -> c.removedLines().size()).sum();
    }

    /**
     * For each word stem (see {@link LexicalEvidence#stem}), how many changed lines (added or removed) and message
     * lines carry it; identifiers are also split at case changes and underscores ({@code parseArgs}: "parse", "args").
     */
    public synchronized Map<String, Integer> lineFrequency() {
        if (lineFrequency == null) {
            Map<String, Integer> frequency = new HashMap<>();
            int budget = MAX_LINES;
            List<String> lines = new ArrayList<>();
            messages.forEach(m -> lines.addAll(m.lines().toList()));
            for (BranchFacts.Change change : changes) {
                lines.addAll(change.addedLines());
                lines.addAll(change.removedLines());
            }
            for (String line : lines) {
                if (budget-- <= 0) {
                    break;
                }
                for (String stem : stemsOf(line)) {
                    frequency.merge(stem, 1, Integer::sum);
                }
            }
            lineFrequency = frequency;
        }
        return lineFrequency;
    }

    /** Word stems of the changed paths ("src/click/shell_completion.py": "src", "click", "shell", "compl", "py"). */
    public synchronized Set<String> pathWords() {
        if (pathWords == null) {
            Set<String> words = new HashSet<>();
            changes.forEach(c -> words.addAll(stemsOf(c.path())));
            pathWords = words;
        }
        return pathWords;
    }

    /** Whether the change touches {@code path} (exactly, or as a path suffix: "Auth.java" for "src/Auth.java"). */
    public boolean touches(String path) {
        return changes.stream().anyMatch(c -> c.path().equals(path) || c.path().endsWith("/" + path));
    }

    /** Whether {@code line} of {@code path} (1-based, new side) is a line the change added. */
    public boolean adds(String path, int line) {
        return changes.stream().filter(c -> c.path().equals(path) || c.path().endsWith("/" + path))
                .anyMatch(c -> c.addedLineNumbers().contains(line));
    }

    private static Set<String> stemsOf(String text) {
        Set<String> stems = new HashSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group();
            stems.add(LexicalEvidence.stem(token.toLowerCase(Locale.ROOT)));
            for (String part : CAMEL.split(token)) {
                stems.add(LexicalEvidence.stem(part.toLowerCase(Locale.ROOT)));
            }
        }
        return stems;
    }
}
