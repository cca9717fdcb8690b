package dev.czar.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The items of a task written as a checklist or numbered requirements (issue 24: "progress checkpoints"): lines
 * starting "- ", "* ", "- [ ] ", "1. " or "2) ". A task with fewer than two such lines has no items: prose is
 * judged as a whole by task fit, not split into guesses.
 */
public final class TaskRequirements {
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:[-*+]\\s+(?:\\[[ xX]]\\s+)?|\\d{1,2}[.)]\\s+)(\\S.*)$");
    private static final int MAX_ITEMS = 30;

    private TaskRequirements() {
    }

    public static List<String> of(String task) {
        List<String> items = new ArrayList<>();
        for (String line : task.lines().toList()) {
            Matcher m = ITEM.matcher(line);
            if (m.matches() && items.size() < MAX_ITEMS) {
                items.add(m.group(1).strip());
            }
        }
        return items.size() >= 2 ? items : List.of();
    }
}
