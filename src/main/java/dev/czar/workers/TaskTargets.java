package dev.czar.workers;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The concrete targets a task text names: numbers, file paths and code identifiers ("part 3", "src/Auth.java",
 * "RateLimiter"). Two tasks from one template read alike but name different targets; that difference is what
 * tells "Implement part 1" from "Implement part 2" before either branch has touched anything.
 */
final class TaskTargets {
    private static final Pattern TARGET = Pattern.compile(
            "[\\w./-]*\\d[\\w./-]*|[\\w-]+(?:/[\\w.-]+)+|[\\w-]+\\.[a-z]{1,5}\\b|\\b[a-z]+[A-Z]\\w*|\\b[A-Z][a-z]+[A-Z]\\w*|\\b\\w+_\\w+");

    private TaskTargets() {
    }

    static Set<String> of(String task) {
        Set<String> targets = new HashSet<>();
        Matcher m = TARGET.matcher(task);
        while (m.find()) {
            String t = m.group().replaceAll("[.,;:]+$", "").toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                targets.add(t);
            }
        }
        return targets;
    }

    /** Whether each task names a target the other does not: the same template aimed at different things. */
    static boolean differ(String a, String b) {
        Set<String> x = of(a);
        Set<String> y = of(b);
        return !y.containsAll(x) && !x.containsAll(y);
    }
}
