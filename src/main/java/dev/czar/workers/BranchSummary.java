package dev.czar.workers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a branch does, in words, within a budget (issue 24): its commit messages, the paths it changed (as words:
 * "src/audit/AuditLog.java" reads "audit audit log"), the names its added lines declare, and the test names and
 * document headings it adds. This text is what task fit compares with each live task.
 */
public final class BranchSummary {
    /** Characters: the embedding model reads about 256 word pieces, so more would be cut anyway. */
    static final int BUDGET = 1_200;
    private static final Pattern HEADING = Pattern.compile("^#{1,4}\\s+(.+)$");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[_\\-./]+");

    private BranchSummary() {
    }

    /** The summary text: messages first (they say intent), then declared names, headings, then paths. */
    public static String of(List<String> messages, List<BranchFacts.Change> changes) {
        StringBuilder out = new StringBuilder();
        for (String message : messages) {
            append(out, message.lines().findFirst().orElse(""));
        }
        Set<String> names = new LinkedHashSet<>(AddedIdentifiers.of(changes));
        List<String> headings = new ArrayList<>();
        for (BranchFacts.Change change : changes) {
            if (change.path().endsWith(".md")) {
                for (String line : change.addedLines()) {
                    Matcher m = HEADING.matcher(line.strip());
                    if (m.matches()) {
                        headings.add(m.group(1));
                    }
                }
            }
        }
        append(out, String.join(", ", headings));
        append(out, String.join(", ", names.stream().map(BranchSummary::words).toList()));
        append(out, String.join(", ", changes.stream().map(c -> words(stripExtension(c.path()))).distinct().toList()));
        return out.length() > BUDGET ? out.substring(0, BUDGET) : out.toString();
    }

    /** "AuditLogTest" and "audit_log_test" both read "audit log test". */
    static String words(String identifier) {
        return String.join(" ", CAMEL.split(identifier)).toLowerCase(java.util.Locale.ROOT).strip();
    }

    private static String stripExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    private static void append(StringBuilder out, String part) {
        if (!part.isBlank() && out.length() < BUDGET) {
            out.append(out.isEmpty() ? "" : ". ").append(part.strip());
        }
    }
}
