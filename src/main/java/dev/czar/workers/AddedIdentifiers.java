package dev.czar.workers;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a branch declares in the lines it adds: classes, functions, methods, types, in the common languages.
 * Two branches declaring the same new names are building the same thing even in different files; two branches
 * sharing no file and no declared name are not duplicating each other.
 */
final class AddedIdentifiers {
    private static final int MAX = 200;
    private static final Pattern KEYWORD_DECL = Pattern.compile(
            "\\b(?:class|interface|record|enum|struct|trait|def|fn|func|function|type|module)\\s+([A-Za-z_]\\w{2,})");
    /** A Java/C-like method: a type or modifier, a name, a parameter list and an opening brace. */
    private static final Pattern METHOD_DECL = Pattern.compile(
            "\\b[A-Za-z_][\\w<>\\[\\],]*\\s+([a-z_]\\w{2,})\\s*\\([^)]*\\)\\s*(?:throws [\\w., ]+)?\\{");
    private static final Set<String> NOT_NAMES = Set.of("if", "for", "while", "switch", "catch", "return", "new", "else");

    private AddedIdentifiers() {
    }

    static Set<String> of(List<BranchFacts.Change> changes) {
        Set<String> names = new TreeSet<>();
        for (BranchFacts.Change change : changes) {
            for (String line : change.addedLines()) {
                collect(KEYWORD_DECL.matcher(line), names);
                collect(METHOD_DECL.matcher(line), names);
                if (names.size() >= MAX) {
                    return names;
                }
            }
        }
        return names;
    }

    private static void collect(Matcher m, Set<String> names) {
        while (m.find()) {
            if (!NOT_NAMES.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
    }
}
